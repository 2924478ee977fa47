package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * Immutable cell geometry of one calorimeter layer: rings in pseudorapidity (measured from the nominal
 * interaction point), each split into equal phi cells; rings may differ in phi granularity. Cells are numbered
 * flat ({@code ringOffset[ring] + iphi}), so per-event cell data are flat primitive arrays. Neighbours (8-fold,
 * across rings of different granularity by phi overlap) are precomputed in CSR form. Thread-safe.
 */
public final class CaloGrid {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double TOUCH = 1e-9;

    /** The three grids, built once. */
    private static final CaloGrid ECAL = buildEcal();
    private static final CaloGrid HCAL = buildHcal();
    private static final CaloGrid HF = buildHf();

    private final String name;
    private final double[] ringLo;
    private final double[] ringHi;
    private final int[] ringNphi;
    private final int[] ringOffset;
    private final int numCells;
    private final float[] cellEta;
    private final float[] cellPhi;
    private final int[] cellRing;
    private final int[] nbrStart;
    private final int[] nbr;

    private CaloGrid(String name, double[] lo, double[] hi, int[] nphi) {
        this.name = name;
        this.ringLo = lo;
        this.ringHi = hi;
        this.ringNphi = nphi;
        int n = lo.length;
        ringOffset = new int[n + 1];
        for (int k = 0; k < n; k++) {
            if (k > 0 && lo[k] < hi[k - 1] - TOUCH) {
                throw new IllegalArgumentException(name + ": rings overlap at " + k);
            }
            ringOffset[k + 1] = ringOffset[k] + nphi[k];
        }
        numCells = ringOffset[n];
        cellEta = new float[numCells];
        cellPhi = new float[numCells];
        cellRing = new int[numCells];
        for (int k = 0; k < n; k++) {
            double w = TWO_PI / nphi[k];
            for (int i = 0; i < nphi[k]; i++) {
                int c = ringOffset[k] + i;
                cellEta[c] = (float) (0.5 * (lo[k] + hi[k]));
                cellPhi[c] = (float) (-Math.PI + (i + 0.5) * w);
                cellRing[c] = k;
            }
        }
        int[] start = new int[numCells + 1];
        int[] buf = new int[numCells * 10];
        int m = 0;
        for (int c = 0; c < numCells; c++) {
            start[c] = m;
            int k = cellRing[c];
            int i = c - ringOffset[k];
            int nk = nphi[k];
            buf[m++] = ringOffset[k] + Math.floorMod(i - 1, nk);
            if (nk > 2) {
                buf[m++] = ringOffset[k] + Math.floorMod(i + 1, nk);
            }
            double w = TWO_PI / nk;
            double tlo = i * w;
            double thi = (i + 1) * w;
            for (int kk = k - 1; kk <= k + 1; kk += 2) {
                if (kk < 0 || kk >= n || !contiguous(Math.min(k, kk))) {
                    continue;
                }
                int n2 = nphi[kk];
                double w2 = TWO_PI / n2;
                int jlo = (int) Math.ceil((tlo - TOUCH) / w2 - 1);
                int jhi = (int) Math.floor((thi + TOUCH) / w2);
                int first = m;
                for (int j = jlo; j <= jhi; j++) {
                    int cell = ringOffset[kk] + Math.floorMod(j, n2);
                    boolean dup = false;
                    for (int q = first; q < m; q++) {
                        dup |= buf[q] == cell;
                    }
                    if (!dup) {
                        buf[m++] = cell;
                    }
                }
            }
        }
        start[numCells] = m;
        nbrStart = start;
        nbr = Arrays.copyOf(buf, m);
    }

    /** ECAL: barrel 0.0174 x 1 degree; endcap rings of one crystal (2.86 cm) at z = 315.4 cm up to |eta| 3. */
    public static CaloGrid ecal() {
        return ECAL;
    }

    /** HCAL: 0.087 x 5 degrees up to |eta| 1.74, then CMS's wider rings with 10 degrees up to |eta| 3. */
    public static CaloGrid hcal() {
        return HCAL;
    }

    /** HF (both fibre depths share it): 0.175 x 10 degrees in 3 < |eta| < 5, the outermost ring 20 degrees. */
    public static CaloGrid hf() {
        return HF;
    }

    /** Layer name for messages. */
    public String name() {
        return name;
    }

    public int numCells() {
        return numCells;
    }

    /** The ring containing {@code eta}, or -1 outside the layer. */
    public int ring(double eta) {
        int lo = 0;
        int hi = ringLo.length - 1;
        if (eta < ringLo[0] || eta >= ringHi[hi]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ringLo[mid] <= eta) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return eta < ringHi[lo] ? lo : -1;
    }

    /** The cell at (eta, phi), or -1 outside the layer. */
    public int cell(double eta, double phi) {
        int k = ring(eta);
        return k < 0 ? -1 : ringOffset[k] + iphi(k, phi);
    }

    /** The phi index of {@code phi} in ring {@code k}. */
    public int iphi(int k, double phi) {
        int n = ringNphi[k];
        int i = (int) Math.floor((phi + Math.PI) / TWO_PI * n);
        if (i >= 0 && i < n) {
            return i;
        }
        return i == n ? 0 : Math.floorMod(i, n);
    }

    public double ringLo(int k) {
        return ringLo[k];
    }

    public double ringHi(int k) {
        return ringHi[k];
    }

    public int ringNphi(int k) {
        return ringNphi[k];
    }

    public int ringOffset(int k) {
        return ringOffset[k];
    }

    /** True if ring {@code k} and ring {@code k + 1} touch (no gap in eta between them). */
    public boolean contiguous(int k) {
        return k + 1 < ringLo.length && Math.abs(ringLo[k + 1] - ringHi[k]) < TOUCH;
    }

    public float cellEta(int c) {
        return cellEta[c];
    }

    public float cellPhi(int c) {
        return cellPhi[c];
    }

    public int cellRing(int c) {
        return cellRing[c];
    }

    /** Start of cell {@code c}'s neighbours in {@link #neighbour(int)}; they end at {@code neighbourStart(c + 1)}. */
    public int neighbourStart(int c) {
        return nbrStart[c];
    }

    /** The {@code j}-th entry of the flat neighbour table. */
    public int neighbour(int j) {
        return nbr[j];
    }

    private static CaloGrid buildEcal() {
        double w = CmsDetector.ECAL_BARREL_DETA;
        int nb = (int) Math.round(CmsDetector.ECAL_BARREL_ETA / w);
        double barrelEdge = nb * w;
        double z = CmsDetector.ECAL_ENDCAP_Z;
        double rhoStart = z / Math.sinh(barrelEdge);
        double rhoEnd = z / Math.sinh(CmsDetector.CALO_MAX_ETA);
        int ne = (int) Math.round((rhoStart - rhoEnd) / CmsDetector.ECAL_ENDCAP_CRYSTAL);
        double step = (rhoStart - rhoEnd) / ne;
        double[] endLo = new double[ne];
        double[] endHi = new double[ne];
        int[] endPhi = new int[ne];
        for (int j = 0; j < ne; j++) {
            double r1 = rhoStart - j * step;
            double r2 = rhoStart - (j + 1) * step;
            endLo[j] = j == 0 ? barrelEdge : asinh(z / r1);
            endHi[j] = j == ne - 1 ? CmsDetector.CALO_MAX_ETA : asinh(z / r2);
            endPhi[j] = (int) Math.round(Math.PI * (r1 + r2) / CmsDetector.ECAL_ENDCAP_CRYSTAL);
        }
        Rings r = new Rings(2 * (nb + ne));
        for (int j = ne - 1; j >= 0; j--) {
            r.add(-endHi[j], -endLo[j], endPhi[j]);
        }
        for (int i = -nb; i < nb; i++) {
            r.add(i * w, (i + 1) * w, CmsDetector.ECAL_BARREL_NPHI);
        }
        for (int j = 0; j < ne; j++) {
            r.add(endLo[j], endHi[j], endPhi[j]);
        }
        return r.build("ECAL");
    }

    private static CaloGrid buildHcal() {
        double w = CmsDetector.HCAL_DETA;
        double[] outer = CmsDetector.HCAL_OUTER_ETA_EDGES;
        int nb = (int) Math.round(outer[0] / w);
        int no = outer.length - 1;
        Rings r = new Rings(2 * (nb + no));
        for (int j = no - 1; j >= 0; j--) {
            r.add(-outer[j + 1], -outer[j], CmsDetector.HCAL_OUTER_NPHI);
        }
        for (int i = -nb; i < nb; i++) {
            r.add(i == -nb ? -outer[0] : i * w, i == nb - 1 ? outer[0] : (i + 1) * w, CmsDetector.HCAL_NPHI);
        }
        for (int j = 0; j < no; j++) {
            r.add(outer[j], outer[j + 1], CmsDetector.HCAL_OUTER_NPHI);
        }
        return r.build("HCAL");
    }

    private static CaloGrid buildHf() {
        double[] e = CmsDetector.HF_ETA_EDGES;
        int n = e.length - 1;
        Rings r = new Rings(2 * n);
        for (int j = n - 1; j >= 0; j--) {
            r.add(-e[j + 1], -e[j], j == n - 1 ? CmsDetector.HF_NPHI / 2 : CmsDetector.HF_NPHI);
        }
        for (int j = 0; j < n; j++) {
            r.add(e[j], e[j + 1], j == n - 1 ? CmsDetector.HF_NPHI / 2 : CmsDetector.HF_NPHI);
        }
        return r.build("HF");
    }

    private static double asinh(double x) {
        return org.mlpf.physics.Kinematics.asinh(x);
    }

    /** Ring list under construction. */
    private static final class Rings {
        final double[] lo;
        final double[] hi;
        final int[] nphi;
        int n;

        Rings(int capacity) {
            lo = new double[capacity];
            hi = new double[capacity];
            nphi = new int[capacity];
        }

        void add(double l, double h, int np) {
            lo[n] = l;
            hi[n] = h;
            nphi[n] = np;
            n++;
        }

        CaloGrid build(String name) {
            return new CaloGrid(name, Arrays.copyOf(lo, n), Arrays.copyOf(hi, n), Arrays.copyOf(nphi, n));
        }
    }
}
