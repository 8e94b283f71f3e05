package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Published scalability measurements with published USL fits, so a notebook can check the fitter before trusting
 * it on its own data. One observation per published point (these sources report one value per load level).
 *
 * <pre>{@code
 * Usl.fit(PublishedData.cisco());      // lambda 995.6, sigma 0.02672, kappa 0.0007691 (as published)
 * Usl.fit(PublishedData.specSdm91());  // lambda 90.00, sigma 0.02773, kappa 0.0001044 (as published)
 * }</pre>
 */
public final class PublishedData {
    private PublishedData() {
    }

    /**
     * Cisco benchmark, throughput (queries per second) at concurrency 1 to 32, from Baron Schwartz, <i>Practical
     * Scalability Analysis with the Universal Scalability Law</i> (VividCortex, 2015). Published nonlinear
     * least-squares fit: lambda = 995.6486, sigma = 0.02671591, kappa = 0.0007690945; peak near N = 35 at
     * 12341 QPS. Values as quoted in the test suite of codahale/usl4j (ModelTest.java) and in
     * marselester/scalability (README.md, usl.r).
     */
    public static List<Observation> cisco() {
        return of(new double[][] {
            {1, 955.16}, {2, 1878.91}, {3, 2688.01}, {4, 3548.68}, {5, 4315.54}, {6, 5130.43}, {7, 5931.37},
            {8, 6531.08}, {9, 7219.8}, {10, 7867.61}, {11, 8278.71}, {12, 8646.7}, {13, 9047.84}, {14, 9426.55},
            {15, 9645.37}, {16, 9897.24}, {17, 10097.6}, {18, 10240.5}, {19, 10532.39}, {20, 10798.52},
            {21, 11151.43}, {22, 11518.63}, {23, 11806}, {24, 12089.37}, {25, 12075.41}, {26, 12177.29},
            {27, 12211.41}, {28, 12158.93}, {29, 12155.27}, {30, 12118.04}, {31, 12140.4}, {32, 12074.39},
        });
    }

    /**
     * SPEC SDM91 on a 16-CPU Sun SPARCcenter 2000 (October 1994): scripts per hour at 1 to 216 simulated users,
     * the {@code specsdm91} data set of the R package {@code usl} (Stefan Moeding; source: Gunther, <i>Guerrilla
     * Capacity Planning</i>, 2007). The package ships it as binary {@code .rda}; these values are fitted value plus
     * residual as printed by the package's own test output {@code tests/t03.Rout.save} and agree with its
     * {@code residuals.Rout.save} and {@code efficiency.Rout.save}. Published fit (usl 2.x): sigma (alpha)
     * 0.0277285, kappa (beta) 0.0001044, lambda (gamma) 89.9952330, residual standard error 82.85.
     */
    public static List<Observation> specSdm91() {
        return of(new double[][] {
            {1, 64.9}, {18, 995.9}, {36, 1652.4}, {72, 1853.2}, {108, 1828.9}, {144, 1775.0}, {216, 1702.2},
        });
    }

    private static List<Observation> of(double[][] pairs) {
        var out = new ArrayList<Observation>(pairs.length);
        for (double[] p : pairs) {
            out.add(new Observation((int) p[0], p[1]));
        }
        return List.copyOf(out);
    }
}
