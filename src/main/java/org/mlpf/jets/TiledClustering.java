package org.mlpf.jets;

/**
 * FastJet's N2Tiled and N2MinHeapTiled strategies. The (rapidity, phi) plane is cut into tiles at least R wide,
 * so a jet's nearest neighbour within R lies in its own tile or one of the 8 around it; after each step only
 * the tiles around the merged jets are revisited. The smallest d_iJ is found by a linear scan over a compact
 * table (N2Tiled) or kept in a {@link MinHeap} (N2MinHeapTiled). Tiles hold their jets in linked lists with the
 * newest jet at the head; the order of those lists, of the tile neighbourhoods and of the heap updates is
 * FastJet's, because it decides ties.
 */
final class TiledClustering extends TiledBriefJets {
    private static final int NEIGHBOURS = 9;

    private final boolean minHeap;
    private final int[] diJPosn;

    TiledClustering(ClusterSequence cs, boolean minHeap) {
        super(cs);
        this.minHeap = minHeap;
        int n = cs.numParticles();
        diJPosn = new int[n];
        initialiseTiles(cs.jetDefinition().r(), new TilingExtent(cs, n));
    }

    private void initialiseTiles(double r, TilingExtent extent) {
        double defaultSize = Math.max(0.1, r);
        tileSizeEta = defaultSize;
        // At least 3 tiles in phi, so that every pair up to Delta phi = pi is within neighbouring tiles.
        nTilesPhi = Math.max(3, (int) Math.floor(PseudoJet.TWO_PI / defaultSize));
        tileSizePhi = PseudoJet.TWO_PI / nTilesPhi;
        tilesIetaMin = (int) Math.floor(extent.minRap / tileSizeEta);
        tilesIetaMax = (int) Math.floor(extent.maxRap / tileSizeEta);
        tilesEtaMin = tilesIetaMin * tileSizeEta;
        tilesEtaMax = tilesIetaMax * tileSizeEta;
        int nTiles = (tilesIetaMax - tilesIetaMin + 1) * nTilesPhi;
        tileHead = new int[nTiles];
        tagged = new boolean[nTiles];
        neighbours = new int[nTiles * NEIGHBOURS];
        neighbourCount = new int[nTiles];
        rhStart = new int[nTiles];
        for (int ieta = tilesIetaMin; ieta <= tilesIetaMax; ieta++) {
            for (int iphi = 0; iphi < nTilesPhi; iphi++) {
                int t = tileIndex(ieta, iphi);
                tileHead[t] = NONE;
                int o = t * NEIGHBOURS;
                int k = 0;
                neighbours[o + k++] = t;
                if (ieta > tilesIetaMin) {
                    for (int dphi = -1; dphi <= 1; dphi++) {
                        neighbours[o + k++] = tileIndex(ieta - 1, iphi + dphi);
                    }
                }
                neighbours[o + k++] = tileIndex(ieta, iphi - 1);
                rhStart[t] = k;
                neighbours[o + k++] = tileIndex(ieta, iphi + 1);
                if (ieta < tilesIetaMax) {
                    for (int dphi = -1; dphi <= 1; dphi++) {
                        neighbours[o + k++] = tileIndex(ieta + 1, iphi + dphi);
                    }
                }
                neighbourCount[t] = k;
            }
        }
    }

    private int addUntaggedNeighbours(int tile, int[] union, int count) {
        int o = tile * NEIGHBOURS;
        for (int k = 0; k < neighbourCount[tile]; k++) {
            int t = neighbours[o + k];
            if (!tagged[t]) {
                tagged[t] = true;
                union[count++] = t;
            }
        }
        return count;
    }

    /** The initial nearest neighbours: within each tile, then with its "right-hand" neighbour tiles. */
    private void initialNeighbours() {
        for (int t = 0; t < tileHead.length; t++) {
            for (int a = tileHead[t]; a != NONE; a = next[a]) {
                for (int b = tileHead[t]; b != a; b = next[b]) {
                    double d = dist(a, b);
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
            int o = t * NEIGHBOURS;
            for (int k = rhStart[t]; k < neighbourCount[t]; k++) {
                int rt = neighbours[o + k];
                for (int a = tileHead[t]; a != NONE; a = next[a]) {
                    for (int b = tileHead[rt]; b != NONE; b = next[b]) {
                        double d = dist(a, b);
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
    }

    /** Full NN search of jet i over the neighbourhood of tile t (i's tile). */
    private void rescan(int i, int t) {
        nnDist[i] = r2;
        nn[i] = NONE;
        int o = t * NEIGHBOURS;
        for (int k = 0; k < neighbourCount[t]; k++) {
            for (int j = tileHead[neighbours[o + k]]; j != NONE; j = next[j]) {
                double d = dist(i, j);
                if (d < nnDist[i] && j != i) {
                    nnDist[i] = d;
                    nn[i] = j;
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
        if (minHeap) {
            runMinHeap(n);
        } else {
            runLinearScan(n);
        }
    }

    private void runLinearScan(int n) {
        double[] diJVal = new double[n];
        int[] diJJet = new int[n];
        for (int i = 0; i < n; i++) {
            diJVal[i] = diJ(i);
            diJJet[i] = i;
            diJPosn[i] = i;
        }
        int[] union = new int[3 * NEIGHBOURS];
        for (; n > 0; n--) {
            linearScanStep(n, diJVal, diJJet, union);
        }
    }

    /** One step of N2Tiled with {@code n} jets left; the table's last entry (n - 1) fills the freed slot. */
    private void linearScanStep(int n, double[] diJVal, int[] diJJet, int[] union) {
        int best = 0;
        double diJMin = diJVal[0];
        for (int h = 1; h < n; h++) {
            if (diJVal[h] < diJMin) {
                best = h;
                diJMin = diJVal[h];
            }
        }
        int a = diJJet[best];
        int b = nn[a];
        diJMin *= cs.invR2;
        int oldBTile = 0;
        if (b != NONE) {
            if (a < b) {
                int t = a;
                a = b;
                b = t;
            }
            int k = cs.recombine(jetIndex[a], jetIndex[b], diJMin);
            removeFromTiles(a);
            oldBTile = tileIndex[b];
            removeFromTiles(b);
            setJetInfo(b, k);
        } else {
            cs.beam(jetIndex[a], diJMin);
            removeFromTiles(a);
        }
        int nNear = addUntaggedNeighbours(tileIndex[a], union, 0);
        if (b != NONE) {
            if (tileIndex[b] != tileIndex[a]) {
                nNear = addUntaggedNeighbours(tileIndex[b], union, nNear);
            }
            if (oldBTile != tileIndex[a] && oldBTile != tileIndex[b]) {
                nNear = addUntaggedNeighbours(oldBTile, union, nNear);
            }
        }
        // Compact the table: the last entry moves into a's place.
        diJPosn[diJJet[n - 1]] = diJPosn[a];
        diJVal[diJPosn[a]] = diJVal[n - 1];
        diJJet[diJPosn[a]] = diJJet[n - 1];
        for (int u = 0; u < nNear; u++) {
            int t = union[u];
            tagged[t] = false;
            for (int i = tileHead[t]; i != NONE; i = next[i]) {
                if (nn[i] == a || (nn[i] == b && b != NONE)) {
                    rescan(i, t);
                    diJVal[diJPosn[i]] = diJ(i);
                }
                if (b != NONE) {
                    double d = dist(i, b);
                    if (d < nnDist[i] && i != b) {
                        nnDist[i] = d;
                        nn[i] = b;
                        diJVal[diJPosn[i]] = diJ(i);
                    }
                    if (d < nnDist[b] && i != b) {
                        nnDist[b] = d;
                        nn[b] = i;
                    }
                }
            }
        }
        if (b != NONE) {
            diJVal[diJPosn[b]] = diJ(b);
        }
    }

    private void runMinHeap(int n) {
        double[] diJs = new double[n];
        boolean[] updateNeeded = new boolean[n];
        for (int i = 0; i < n; i++) {
            diJs[i] = diJ(i);
        }
        MinHeap heap = new MinHeap(diJs, n);
        int[] pending = new int[n];
        int[] union = new int[3 * NEIGHBOURS];
        for (; n > 0; n--) {
            minHeapStep(heap, updateNeeded, pending, union);
        }
    }

    /** One step of N2MinHeapTiled. */
    private void minHeapStep(MinHeap heap, boolean[] updateNeeded, int[] pending, int[] union) {
        int nPending = 0;
        double diJMin = heap.minVal() * cs.invR2;
        int a = heap.minLoc();
        int b = nn[a];
        int oldBTile = 0;
        if (b != NONE) {
            if (a < b) {
                int t = a;
                a = b;
                b = t;
            }
            int k = cs.recombine(jetIndex[a], jetIndex[b], diJMin);
            removeFromTiles(a);
            oldBTile = tileIndex[b];
            removeFromTiles(b);
            setJetInfo(b, k);
        } else {
            cs.beam(jetIndex[a], diJMin);
            removeFromTiles(a);
        }
        heap.remove(a);
        int nNear = addUntaggedNeighbours(tileIndex[a], union, 0);
        if (b != NONE) {
            if (tileIndex[b] != tileIndex[a]) {
                nNear = addUntaggedNeighbours(tileIndex[b], union, nNear);
            }
            if (oldBTile != tileIndex[a] && oldBTile != tileIndex[b]) {
                nNear = addUntaggedNeighbours(oldBTile, union, nNear);
            }
            updateNeeded[b] = true;
            pending[nPending++] = b;
        }
        for (int u = 0; u < nNear; u++) {
            int t = union[u];
            tagged[t] = false;
            for (int i = tileHead[t]; i != NONE; i = next[i]) {
                if (nn[i] == a || (nn[i] == b && b != NONE)) {
                    if (!updateNeeded[i]) {
                        updateNeeded[i] = true;
                        pending[nPending++] = i;
                    }
                    rescan(i, t);
                }
                if (b != NONE) {
                    double d = dist(i, b);
                    if (d < nnDist[i] && i != b) {
                        nnDist[i] = d;
                        nn[i] = b;
                        if (!updateNeeded[i]) {
                            updateNeeded[i] = true;
                            pending[nPending++] = i;
                        }
                    }
                    if (d < nnDist[b] && i != b) {
                        nnDist[b] = d;
                        nn[b] = i;
                    }
                }
            }
        }
        // Last in, first out, as FastJet's vector::pop_back: the order of heap updates decides ties.
        while (nPending > 0) {
            int i = pending[--nPending];
            heap.update(i, diJ(i));
            updateNeeded[i] = false;
        }
    }
}
