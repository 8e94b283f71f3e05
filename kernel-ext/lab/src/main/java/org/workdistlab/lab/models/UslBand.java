package org.workdistlab.lab.models;

/**
 * A pointwise bootstrap band around a USL curve (see {@link UslFit#bootstrap}).
 *
 * <pre>{@code
 * UslBand band = fit.bootstrap(200, 42L);
 * int i = band.indexOf(16);
 * System.out.printf("X(16) in [%.0f, %.0f]%n", band.lower()[i], band.upper()[i]);
 * }</pre>
 *
 * @param n          where the band was evaluated (thread counts, may be fractional)
 * @param lower      lower quantile curve, one value per entry of n
 * @param upper      upper quantile curve
 * @param level      nominal pointwise coverage, e.g. 0.95 for the 2.5% and 97.5% curves
 * @param resamples  bootstrap resamples drawn
 * @param seed       seed of the resampling, printed so the band can be redrawn exactly
 * @param failedFits resamples whose refit did not converge (left out of the quantiles)
 */
public record UslBand(double[] n, double[] lower, double[] upper, double level, int resamples, long seed,
                      int failedFits) {
    public UslBand {
        if (n.length != lower.length || n.length != upper.length) {
            throw new IllegalArgumentException("n, lower and upper must have equal lengths, were "
                    + n.length + ", " + lower.length + ", " + upper.length);
        }
        n = n.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] n() {
        return n.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** Index of the grid point closest to {@code threads}. */
    public int indexOf(double threads) {
        int best = 0;
        for (int i = 1; i < n.length; i++) {
            if (Math.abs(n[i] - threads) < Math.abs(n[best] - threads)) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format("USL bootstrap band: %.0f%% pointwise, %d resamples (%d failed), seed %d",
                level * 100, resamples, failedFits, seed);
    }
}
