package org.mlpf.generate.sim;

/**
 * Propagation of a particle in the uniform solenoid field along +z: a helix for charged particles, a straight line
 * for neutral ones. Positions in cm, momenta in GeV, {@code s} is the path length projected on the transverse
 * plane (cm). Results of the last call are left in public fields, so no object is created per call. For charge q
 * the azimuth of the momentum turns as {@code dphi/ds = -q * 0.2998 * B / pT} (clockwise seen from +z for q > 0).
 * Not thread-safe.
 */
final class Propagator {
    private static final double TWO_PI = 2 * Math.PI;

    /** End point of the last successful propagation, cm. */
    public double x;
    public double y;
    public double z;
    /** Momentum at the end point, GeV. */
    public double px;
    public double py;
    public double pz;
    /** Transverse path length to the end point, cm. */
    public double s;
    /** True if the last propagation ended on the barrel cylinder, false if on the endcap plane. */
    public boolean barrel;

    // Start state of the current trajectory.
    private double x0;
    private double y0;
    private double z0;
    private double pt;
    private double phi0;
    private double cos0;
    private double sin0;
    private double gamma;
    private double pzOverPt;
    private double kappa;
    private double xc;
    private double yc;

    /** Sets the start of a trajectory (position cm, momentum GeV, charge in e). */
    public Propagator start(double sx, double sy, double sz, double spx, double spy, double spz, int charge) {
        x0 = sx;
        y0 = sy;
        z0 = sz;
        pt = Fast.hypot(spx, spy);
        cos0 = pt > 0 ? spx / pt : 1;
        sin0 = pt > 0 ? spy / pt : 0;
        pzOverPt = pt > 0 ? spz / pt : Double.POSITIVE_INFINITY;
        pz = spz;
        kappa = charge == 0 || pt == 0 ? 0 : -charge * CmsDetector.CURVATURE_CONST * CmsDetector.FIELD_T / pt;
        if (kappa != 0) {
            // Only helices need angles; straight lines work with the direction cosines.
            phi0 = Math.atan2(spy, spx);
            xc = x0 - sin0 / kappa;
            yc = y0 + cos0 / kappa;
            // From the beam line the centre lies a quarter turn from the direction: no second atan2 needed.
            gamma = x0 == 0 && y0 == 0 ? phi0 + (kappa > 0 ? Math.PI / 2 : -Math.PI / 2) : Math.atan2(yc, xc);
        }
        return this;
    }

    /** Radius of curvature of the current trajectory, cm (infinite for neutral particles). */
    public double radius() {
        return kappa == 0 ? Double.POSITIVE_INFINITY : 1 / Math.abs(kappa);
    }

    /**
     * Propagates the current trajectory to a calorimeter surface: the barrel cylinder of radius {@code r} where
     * |z| <= {@code zHalf}, otherwise the endcap plane |z| = {@code zPlane}. A charged particle that has not
     * reached the barrel keeps looping for at most {@link CmsDetector#MAX_LOOPER_TURNS} turns.
     *
     * @return false if the surface is never reached (the end-point fields are then unchanged)
     */
    public boolean toSurface(double r, double zHalf, double zPlane) {
        double sb = crossing(r);
        if (sb == 0) {
            // Produced beyond the surface: it deposits where it starts.
            moveTo(0);
            barrel = Math.abs(z0) <= zHalf;
            return true;
        }
        if (Double.isFinite(sb) && Math.abs(z0 + sb * pzOverPt) <= zHalf) {
            moveTo(sb);
            barrel = true;
            return true;
        }
        if (pz == 0) {
            return false;
        }
        double zTarget = pz > 0 ? zPlane : -zPlane;
        double sp = Double.isInfinite(pzOverPt) ? 0 : (zTarget - z0) / pzOverPt;
        if (sp < 0) {
            sp = 0;
        }
        if (!Double.isFinite(sb) && kappa != 0 && sp > CmsDetector.MAX_LOOPER_TURNS * TWO_PI / Math.abs(kappa)) {
            return false;
        }
        moveTo(sp);
        if (Double.isInfinite(pzOverPt)) {
            z = zTarget;
        }
        barrel = false;
        return true;
    }

    /**
     * Transverse path length to the first crossing of the cylinder of radius {@code r} (cm): 0 if the trajectory
     * starts at or beyond it, +infinity if it never gets there.
     */
    public double crossing(double r) {
        double rho0 = Fast.hypot(x0, y0);
        if (rho0 >= r) {
            return 0;
        }
        if (pt == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (kappa == 0) {
            double b = x0 * cos0 + y0 * sin0;
            return -b + Math.sqrt(b * b - (rho0 * rho0 - r * r));
        }
        double a = 1 / Math.abs(kappa);
        double d = Fast.hypot(xc, yc);
        if (d == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double cosv = (r * r - d * d - a * a) / (2 * a * d);
        if (cosv > 1 || cosv < -1) {
            return Double.POSITIVE_INFINITY;
        }
        double dv = Math.acos(cosv);
        double shift = kappa < 0 ? -Math.PI / 2 : Math.PI / 2;
        double turn = TWO_PI * a;
        double best = Double.POSITIVE_INFINITY;
        for (int sign = -1; sign <= 1; sign += 2) {
            double phi = gamma + sign * dv + shift;
            double sv = (phi - phi0) / kappa;
            sv -= Math.floor(sv / turn) * turn;
            if (sv <= 1e-9) {
                sv += turn;
            }
            best = Math.min(best, sv);
        }
        return best;
    }

    /**
     * {@link #crossing} for a trajectory that starts on the beam line (x = y = 0), in closed form:
     * s = 2a asin(r / 2a) for a helix of radius a, r for a straight line. Cheaper; used for tracker layers.
     */
    public double crossingFromBeamLine(double r) {
        if (pt == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (kappa == 0) {
            return r;
        }
        double twoA = 2 / Math.abs(kappa);
        double u = r / twoA;
        if (u > 1) {
            return Double.POSITIVE_INFINITY;
        }
        // asin by its series below 0.5 (error < 1e-4 relative, far below what hit counting needs).
        double asin = u < 0.5 ? u * (1 + u * u * (1.0 / 6 + u * u * (3.0 / 40 + u * u * 15.0 / 336))) : Math.asin(u);
        return twoA * asin;
    }

    /** Transverse path length at which |z| reaches {@code zAbs} going forward, or +infinity. */
    public double pathToZ(double zAbs) {
        if (pz == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(pzOverPt)) {
            return 0;
        }
        double sv = ((pz > 0 ? zAbs : -zAbs) - z0) / pzOverPt;
        return sv < 0 ? Double.POSITIVE_INFINITY : sv;
    }

    /** Moves the end-point fields to transverse path length {@code sv} on the current trajectory. */
    public void moveTo(double sv) {
        s = sv;
        if (kappa == 0) {
            x = x0 + sv * cos0;
            y = y0 + sv * sin0;
            px = pt * cos0;
            py = pt * sin0;
        } else {
            double phi = phi0 + kappa * sv;
            double sn = Math.sin(phi);
            double c = Math.cos(phi);
            x = x0 + (sn - sin0) / kappa;
            y = y0 - (c - cos0) / kappa;
            px = pt * c;
            py = pt * sn;
        }
        z = Double.isInfinite(pzOverPt) ? z0 : z0 + sv * pzOverPt;
    }

    /** Transverse distance from the beam line of the point at path length {@code sv}, cm. */
    public double rhoAt(double sv) {
        if (kappa == 0) {
            return Fast.hypot(x0 + sv * cos0, y0 + sv * sin0);
        }
        double phi = phi0 + kappa * sv;
        return Fast.hypot(x0 + (Math.sin(phi) - sin0) / kappa, y0 - (Math.cos(phi) - cos0) / kappa);
    }

    /** z at transverse path length {@code sv}, cm. */
    public double zAt(double sv) {
        return Double.isInfinite(pzOverPt) ? z0 : z0 + sv * pzOverPt;
    }

    /**
     * z of the trajectory's point of closest approach to the beam line (cm), extrapolating backwards if needed:
     * the track z0 used for vertexing and charged-hadron subtraction.
     */
    public double zAtBeamLine() {
        if (pt == 0 || Double.isInfinite(pzOverPt)) {
            return z0;
        }
        double sv;
        if (kappa == 0) {
            sv = -(x0 * cos0 + y0 * sin0);
        } else {
            double d = Fast.hypot(xc, yc);
            if (d == 0) {
                return z0;
            }
            double phi = gamma + Math.PI + (kappa < 0 ? -Math.PI / 2 : Math.PI / 2);
            double dphi = phi - phi0;
            dphi -= TWO_PI * Math.floor((dphi + Math.PI) / TWO_PI);
            sv = dphi / kappa;
        }
        return z0 + sv * pzOverPt;
    }

    /** Pseudorapidity of the end point seen from the nominal interaction point. */
    public double etaOfPoint() {
        return Fast.eta(x, y, z);
    }

    /** Azimuth of the end point seen from the beam line. */
    public double phiOfPoint() {
        return Math.atan2(y, x);
    }
}
