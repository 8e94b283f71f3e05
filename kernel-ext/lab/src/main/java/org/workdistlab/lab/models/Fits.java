package org.workdistlab.lab.models;

import java.util.List;

/** Goodness-of-fit helpers shared by the fits. */
final class Fits {
    private Fits() {
    }

    static double rSquared(List<Observation> data, double sse) {
        double mean = data.stream().mapToDouble(Observation::value).average().orElse(Double.NaN);
        double sst = 0;
        for (Observation o : data) {
            sst += (o.value() - mean) * (o.value() - mean);
        }
        return sst == 0 ? (sse == 0 ? 1.0 : Double.NaN) : 1.0 - sse / sst;
    }

    static double residualSe(double sse, int n, int parameters) {
        return n > parameters ? Math.sqrt(sse / (n - parameters)) : Double.NaN;
    }
}
