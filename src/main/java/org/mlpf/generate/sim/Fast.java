package org.mlpf.generate.sim;

/** Cheaper replacements for strict-math functions in the simulation's hot loops (no overflow concerns at GeV/cm). */
final class Fast {
    private Fast() {
    }

    /** sqrt(x^2 + y^2) without {@link Math#hypot}'s overflow protection, which is slow and not needed here. */
    static double hypot(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    /** Pseudorapidity of (x, y, z), as {@link org.mlpf.physics.Kinematics#eta} but without its slow hypot. */
    static double eta(double x, double y, double z) {
        double rho = Math.sqrt(x * x + y * y);
        if (rho == 0) {
            return z >= 0 ? org.mlpf.physics.Kinematics.MAX_ETA : -org.mlpf.physics.Kinematics.MAX_ETA;
        }
        double a = Math.abs(z);
        double eta = Math.log((a + Math.sqrt(a * a + rho * rho)) / rho);
        eta = Math.min(org.mlpf.physics.Kinematics.MAX_ETA, eta);
        return z >= 0 ? eta : -eta;
    }
}
