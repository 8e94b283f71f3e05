package org.workdistlab.lab.charts;

/**
 * One named line of x/y points for {@link Charts#lines} and {@link Charts#timeSeries}.
 *
 * <pre>{@code
 * new Series("no backoff", slots, requestsPerSlot)
 * }</pre>
 *
 * @param name legend label, not blank
 * @param x    x values
 * @param y    y values, as many as x
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank: it is the legend label");
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException("series '" + name + "': x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values but y has "
                    + y.length + "; pass one y per x");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
