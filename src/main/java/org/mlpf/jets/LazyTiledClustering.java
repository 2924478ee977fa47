package org.mlpf.jets;

/**
 * FastJet's N2MHTLazy9 and N2MHTLazy25 strategies: tiles of size R (3 x 3 neighbourhoods) or R/2 (5 x 5), and
 * "lazy" searches: a neighbouring tile is scanned only if its nearest edge is closer than the jet's current
 * nearest-neighbour distance, or than the largest nearest-neighbour distance of the tile's own jets. The
 * smallest d_iJ lives in a {@link MinHeap}. This is what makes 10,000 particles cluster in milliseconds.
 *
 * <p>Every comparison, edge distance and list order follows FastJet, including its security margin on tile
 * edges and its use of a non-periodic Delta phi away from the phi = 0 seam, so that ties come out the same.
 */
final class LazyTiledClustering extends TiledBriefJets {
    /** FastJet's {@code tile_edge_security_margin}: a tile is never skipped for a rounding error. */
    private static final double TILE_EDGE_SECURITY_MARGIN = 1.0e-7;

    /** Tiles on each side of a tile that belong to its neighbourhood: 1 (3 x 3) or 2 (5 x 5). */
    private final int reach;
    private final int stride;

    private double tileHalfSizeEta;
    private double tileHalfSizePhi;
    private boolean[] periodic;
    private double[] maxNnDist;
    private double[] etaCentre;
    private double[] phiCentre;

    private final boolean[] updateNeeded;
    private final int[] pending;
    private int nPending;

    LazyTiledClustering(ClusterSequence cs, boolean fiveByFive) {
        super(cs);
        this.reach = fiveByFive ? 2 : 1;
        this.stride = (2 * reach + 1) * (2 * reach + 1);
        int n = cs.numParticles();
        updateNeeded = new boolean[n];
        pending = new int[n + 1];
        initialiseTiles(cs.jetDefinition().r(), new TilingExtent(cs, n));
    }

    private void initialiseTiles(double r, TilingExtent extent) {
        double defaultSize = Math.max(0.1, r) / reach;
        tileSizeEta = defaultSize;
        // Enough tiles in phi that the neighbourhood (2 reach + 1 tiles) covers all of Delta phi <= pi.
        nTilesPhi = Math.max(2 * reach + 1, (int) Math.floor(PseudoJet.TWO_PI / defaultSize));
        tileSizePhi = PseudoJet.TWO_PI / nTilesPhi;
        tilesEtaMin = extent.minRap;
        tilesEtaMax = extent.maxRap;
        // A narrow rapidity range gets exactly reach + 1 rows of tiles, split evenly (FastJet's MIN2TILESY and
        // MIN3TILESY); otherwise rows are aligned on multiples of the tile size.
        int minRows = reach + 1;
        if (tilesEtaMax - tilesEtaMin < minRows * tileSizeEta) {
            tileSizeEta = (tilesEtaMax - tilesEtaMin) / minRows;
            tilesIetaMin = 0;
            tilesIetaMax = minRows - 1;
            tilesEtaMax -= tileSizeEta;
        } else {
            tilesIetaMin = (int) Math.floor(tilesEtaMin / tileSizeEta);
            tilesIetaMax = (int) Math.floor(tilesEtaMax / tileSizeEta);
            tilesEtaMin = tilesIetaMin * tileSizeEta;
            tilesEtaMax = tilesIetaMax * tileSizeEta;
        }
        tileHalfSizeEta = tileSizeEta * 0.5;
        tileHalfSizePhi = tileSizePhi * 0.5;

        int nTiles = (tilesIetaMax - tilesIetaMin + 1) * nTilesPhi;
        tileHead = new int[nTiles];
        tagged = new boolean[nTiles];
        periodic = new boolean[nTiles];
        maxNnDist = new double[nTiles];
        etaCentre = new double[nTiles];
        phiCentre = new double[nTiles];
        neighbours = new int[nTiles * stride];
        neighbourCount = new int[nTiles];
        rhStart = new int[nTiles];
        for (int ieta = tilesIetaMin; ieta <= tilesIetaMax; ieta++) {
            for (int iphi = 0; iphi < nTilesPhi; iphi++) {
                int t = tileIndex(ieta, iphi);
                tileHead[t] = NONE;
                int o = t * stride;
                int k = 0;
                neighbours[o + k++] = t;
                // "Left": the rows below in rapidity, then the tiles below in phi.
                for (int d = 1; d <= reach; d++) {
                    if (ieta - d >= tilesIetaMin) {
                        for (int dphi = -reach; dphi <= reach; dphi++) {
                            neighbours[o + k++] = tileIndex(ieta - d, iphi + dphi);
                        }
                    }
                }
                for (int d = 1; d <= reach; d++) {
                    neighbours[o + k++] = tileIndex(ieta, iphi - d);
                }
                // "Right": the tiles above in phi, then the rows above in rapidity.
                rhStart[t] = k;
                for (int d = 1; d <= reach; d++) {
                    neighbours[o + k++] = tileIndex(ieta, iphi + d);
                }
                for (int d = 1; d <= reach; d++) {
                    if (ieta + d <= tilesIetaMax) {
                        for (int dphi = -reach; dphi <= reach; dphi++) {
                            neighbours[o + k++] = tileIndex(ieta + d, iphi + dphi);
                        }
                    }
                }
                neighbourCount[t] = k;
                // Tiles next to the phi = 0 seam (all of them when there are few) need the periodic Delta phi.
                periodic[t] = nTilesPhi <= 2 * reach + 1 || iphi < reach || iphi >= nTilesPhi - reach;
                maxNnDist[t] = 0;
                etaCentre[t] = (ieta - tilesIetaMin + 0.5) * tileSizeEta + tilesEtaMin;
                phiCentre[t] = (iphi + 0.5) * tileSizePhi;
            }
        }
    }

    private double distNotPeriodic(int a, int b) {
        double dphi = phi[a] - phi[b];
        double deta = eta[a] - eta[b];
        return dphi * dphi + deta * deta;
    }

    /**
     * Squared distance from a point (in tile {@code ownTile}) to the nearest edge of {@code tile}: in rapidity
     * measured from the tile centres (edge tiles can extend far beyond their nominal size), 0 within one row.
     */
    private double distanceToTile(double pEta, double pPhi, int ownTile, int tile) {
        double deta;
        if (etaCentre[ownTile] == etaCentre[tile]) {
            deta = 0;
        } else {
            deta = Math.abs(pEta - etaCentre[tile]) - tileHalfSizeEta;
        }
        double dphi = Math.abs(pPhi - phiCentre[tile]);
        if (dphi > Math.PI) {
            dphi = PseudoJet.TWO_PI - dphi;
        }
        dphi -= tileHalfSizePhi;
        if (dphi < 0) {
            dphi = 0;
        }
        return dphi * dphi + deta * deta;
    }

    private void markForHeap(int i) {
        if (!updateNeeded[i]) {
            updateNeeded[i] = true;
            pending[nPending++] = i;
        }
    }

    /** Compares jets x and i both ways, updating either's nearest neighbour. */
    private void updateXI(int x, int i) {
        double d = dist(i, x);
        if (d < nnDist[i] && i != x) {
            nnDist[i] = d;
            nn[i] = x;
            markForHeap(i);
        }
        if (d < nnDist[x] && i != x) {
            nnDist[x] = d;
            nn[x] = i;
        }
    }

    /** Full (lazy) nearest-neighbour search for jet i. */
    private void setNn(int i) {
        nnDist[i] = r2;
        nn[i] = NONE;
        markForHeap(i);
        int own = tileIndex[i];
        int o = own * stride;
        for (int k = 0; k < neighbourCount[own]; k++) {
            int t = neighbours[o + k];
            if (nnDist[i] < distanceToTile(eta[i], phi[i], own, t)) {
                continue;
            }
            for (int j = tileHead[t]; j != NONE; j = next[j]) {
                double d = dist(i, j);
                if (d < nnDist[i] && j != i) {
                    nnDist[i] = d;
                    nn[i] = j;
                }
            }
        }
    }

    /** Adds the untagged neighbour tiles of a point that could hold a jet whose neighbour was that point. */
    private int addUntaggedNeighboursUsingMaxInfo(double pEta, double pPhi, int ownTile, int[] union, int count) {
        int o = ownTile * stride;
        for (int k = 0; k < neighbourCount[ownTile]; k++) {
            int t = neighbours[o + k];
            if (tagged[t]) {
                continue;
            }
            double d = distanceToTile(pEta, pPhi, ownTile, t) - TILE_EDGE_SECURITY_MARGIN;
            if (d > maxNnDist[t]) {
                continue;
            }
            tagged[t] = true;
            union[count++] = t;
        }
        return count;
    }

    private void initialNeighbours() {
        int nTiles = tileHead.length;
        for (int t = 0; t < nTiles; t++) {
            for (int a = tileHead[t]; a != NONE; a = next[a]) {
                for (int b = tileHead[t]; b != a; b = next[b]) {
                    double d = distNotPeriodic(a, b);
                    if (d < nnDist[a]) {
                        nnDist[a] = d;
                        nn[a] = b;
                    }
                    if (d < nnDist[b]) {
                        nnDist[b] = d;
                        nn[b] = a;
                    }
                }
            }
            for (int a = tileHead[t]; a != NONE; a = next[a]) {
                if (nnDist[a] > maxNnDist[t]) {
                    maxNnDist[t] = nnDist[a];
                }
            }
        }
        for (int t = 0; t < nTiles; t++) {
            boolean usePeriodic = periodic[t];
            int o = t * stride;
            for (int k = rhStart[t]; k < neighbourCount[t]; k++) {
                int rt = neighbours[o + k];
                for (int a = tileHead[t]; a != NONE; a = next[a]) {
                    double distToTile = distanceToTile(eta[a], phi[a], t, rt);
                    boolean relevantForA = distToTile <= nnDist[a];
                    boolean relevantForTile = distToTile <= maxNnDist[rt];
                    if (!(relevantForA || relevantForTile)) {
                        continue;
                    }
                    for (int b = tileHead[rt]; b != NONE; b = next[b]) {
                        double d = usePeriodic ? dist(a, b) : distNotPeriodic(a, b);
                        if (d < nnDist[a]) {
                            nnDist[a] = d;
                            nn[a] = b;
                        }
                        if (d < nnDist[b]) {
                            nnDist[b] = d;
                            nn[b] = a;
                        }
                    }
                }
            }
        }
        // Tighten the per-tile maxima (an upper bound so far) to prune more later.
        for (int t = 0; t < nTiles; t++) {
            maxNnDist[t] = 0;
            for (int a = tileHead[t]; a != NONE; a = next[a]) {
                if (nnDist[a] > maxNnDist[t]) {
                    maxNnDist[t] = nnDist[a];
                }
            }
        }
    }

    void run() {
        int n = cs.numParticles();
        for (int i = 0; i < n; i++) {
            setJetInfo(i, i);
        }
        initialNeighbours();
        double[] diJs = new double[n];
        for (int i = 0; i < n; i++) {
            diJs[i] = diJ(i);
        }
        MinHeap heap = new MinHeap(diJs, n);
        int[] union = new int[3 * stride];
        for (; n > 0; n--) {
            step(heap, union);
        }
    }

    /**
     * One clustering step: acts on the smallest d_iJ, then updates the nearest neighbours and heap entries it
     * changed. A method of its own so that the JIT compiles it as a whole, not as an on-stack replacement of
     * a long-running loop.
     */
    private void step(MinHeap heap, int[] union) {
        double diJMin = heap.minVal() * cs.invR2;
        int a = heap.minLoc();
        int b = nn[a];
        double oldBEta = 0;
        double oldBPhi = 0;
        int oldBTile = 0;
        if (b != NONE) {
            if (a < b) {
                int t = a;
                a = b;
                b = t;
            }
            int k = cs.recombine(jetIndex[a], jetIndex[b], diJMin);
            removeFromTiles(a);
            oldBEta = eta[b];
            oldBPhi = phi[b];
            oldBTile = tileIndex[b];
            removeFromTiles(b);
            setJetInfo(b, k);
        } else {
            cs.beam(jetIndex[a], diJMin);
            removeFromTiles(a);
        }
        heap.remove(a);
        int nNear = 0;
        if (b != NONE) {
            // New jet b: find its neighbour in the relevant tiles, and on the way redo the jets whose
            // neighbour was a or (old) b.
            int own = tileIndex[b];
            int o = own * stride;
            for (int k = 0; k < neighbourCount[own]; k++) {
                int t = neighbours[o + k];
                double distToTile = distanceToTile(eta[b], phi[b], own, t);
                // <= so that b's own tile (distance 0) always counts.
                boolean relevant = distToTile <= nnDist[b] || distToTile <= maxNnDist[t];
                if (!relevant) {
                    continue;
                }
                union[nNear++] = t;
                tagged[t] = true;
                for (int i = tileHead[t]; i != NONE; i = next[i]) {
                    if (nn[i] == a || nn[i] == b) {
                        setNn(i);
                    }
                    updateXI(b, i);
                }
            }
        }
        int nDone = nNear;
        nNear = addUntaggedNeighboursUsingMaxInfo(eta[a], phi[a], tileIndex[a], union, nNear);
        if (b != NONE) {
            nNear = addUntaggedNeighboursUsingMaxInfo(oldBEta, oldBPhi, oldBTile, union, nNear);
            markForHeapUnconditionally(b);
        }
        for (int u = 0; u < nDone; u++) {
            tagged[union[u]] = false;
        }
        for (int u = nDone; u < nNear; u++) {
            int t = union[u];
            tagged[t] = false;
            for (int i = tileHead[t]; i != NONE; i = next[i]) {
                if (nn[i] == a || (nn[i] == b && b != NONE)) {
                    setNn(i);
                }
            }
        }
        while (nPending > 0) {
            int i = pending[--nPending];
            heap.update(i, diJ(i));
            updateNeeded[i] = false;
            int t = tileIndex[i];
            if (maxNnDist[t] < nnDist[i]) {
                maxNnDist[t] = nnDist[i];
            }
        }
    }

    /** FastJet labels the new jet and pushes it even if it was already pending (its heap entry is then updated
     *  twice, with the same value). */
    private void markForHeapUnconditionally(int b) {
        updateNeeded[b] = true;
        pending[nPending++] = b;
    }
}
