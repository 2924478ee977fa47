package org.mlpf.jets;

/**
 * {@link BriefJets} on a tiling of the (rapidity, phi) plane: each tile holds its jets in a doubly linked list with
 * the newest at the head (FastJet's order, which decides ties). The subclass lays out the tiles (their size and
 * rows, neighbourhoods) by setting the tiling fields before any jet is placed.
 */
abstract class TiledBriefJets extends BriefJets {
    // The tiling: nTilesPhi columns over 2 pi, rows tilesIetaMin..tilesIetaMax covering [tilesEtaMin, tilesEtaMax].
    int nTilesPhi;
    int tilesIetaMin;
    int tilesIetaMax;
    double tilesEtaMin;
    double tilesEtaMax;
    double tileSizeEta;
    double tileSizePhi;
    int[] tileHead;
    boolean[] tagged;
    /** Per tile, its neighbourhood: the tile itself, then the "left" tiles, then from rhStart the "right" ones. */
    int[] neighbours;
    int[] neighbourCount;
    int[] rhStart;

    // Per slot: its tile and its neighbours in the tile's list.
    final int[] tileIndex;
    final int[] previous;
    final int[] next;

    TiledBriefJets(ClusterSequence cs) {
        super(cs);
        int n = cs.numParticles();
        tileIndex = new int[n];
        previous = new int[n];
        next = new int[n];
    }

    /** The tile of row ieta and column iphi (taken modulo the columns). */
    final int tileIndex(int ieta, int iphi) {
        return (ieta - tilesIetaMin) * nTilesPhi + (iphi + nTilesPhi) % nTilesPhi;
    }

    final int tileOf(double eta, double phi) {
        int ieta;
        if (eta <= tilesEtaMin) {
            ieta = 0;
        } else if (eta >= tilesEtaMax) {
            ieta = tilesIetaMax - tilesIetaMin;
        } else {
            ieta = (int) ((eta - tilesEtaMin) / tileSizeEta);
            // Rounding can push a point just below the top edge into the next (non-existent) row.
            if (ieta > tilesIetaMax - tilesIetaMin) {
                ieta = tilesIetaMax - tilesIetaMin;
            }
        }
        int iphi = (int) ((phi + PseudoJet.TWO_PI) / tileSizePhi) % nTilesPhi;
        return iphi + ieta * nTilesPhi;
    }

    /** Slot b becomes jet k, inserted at the head of its tile's list. */
    @Override
    final void setJetInfo(int b, int k) {
        super.setJetInfo(b, k);
        int t = tileOf(eta[b], phi[b]);
        tileIndex[b] = t;
        previous[b] = NONE;
        next[b] = tileHead[t];
        if (next[b] != NONE) {
            previous[next[b]] = b;
        }
        tileHead[t] = b;
    }

    final void removeFromTiles(int b) {
        if (previous[b] == NONE) {
            tileHead[tileIndex[b]] = next[b];
        } else {
            next[previous[b]] = next[b];
        }
        if (next[b] != NONE) {
            previous[next[b]] = previous[b];
        }
    }
}
