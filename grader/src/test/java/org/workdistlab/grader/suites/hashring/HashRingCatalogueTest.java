package org.workdistlab.grader.suites.hashring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workdistlab.exercises.hashring.HashRingFactory;
import org.workdistlab.exercises.hashring.MyHashRing;
import org.workdistlab.exercises.reference.hashring.ReferenceHashRing;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.suites.CatalogueGrading;

/**
 * Is the hash ring grader right? Through the real forked grading path: the reference and two differently written
 * correct rings get full marks, the starter gets 0, and each broken ring loses exactly the checks aimed at its
 * bug (plus the speed check where a correctness check it requires is lost: the gate) and keeps all others.
 */
class HashRingCatalogueTest {

    /** The speed check's gate, as declared on the suite. */
    static final Set<String> SPEED_REQUIRES = Set.of("stable", "add-moves", "remove-moves", "membership",
            "concurrent");

    /** Broken variant -> the checks aimed at its bug. */
    static final Map<Class<?>, Set<String>> BROKEN = new LinkedHashMap<>();

    static {
        // A hash that is not the contract's also changes which node a key maps to: "stable" is aimed at all of them.
        // Modulo remaps keys between old nodes on every change, which the concurrent check sees as well.
        BROKEN.put(BrokenRings.Modulo.class, Set.of("stable", "add-moves", "remove-moves", "concurrent"));
        // String.hashCode clusters "node-10#i" so tightly that the 11th node takes 90% of the keys.
        BROKEN.put(BrokenRings.StringHashCode.class, Set.of("stable", "balance", "add-moves"));
        BROKEN.put(BrokenRings.NoVirtualNodes.class, Set.of("stable", "balance"));
        BROKEN.put(BrokenRings.SaltedHash.class, Set.of("stable"));
        BROKEN.put(BrokenRings.WrongWrap.class, Set.of("stable"));
        // The concurrent check judges answers against the contract's ring while nodes leave, so a remove that
        // reshuffles loses it as well.
        BROKEN.put(BrokenRings.ReshuffleOnRemove.class, Set.of("remove-moves", "concurrent"));
        BROKEN.put(BrokenRings.Unsynchronized.class, Set.of("concurrent"));
        BROKEN.put(BrokenRings.LinearScan.class, Set.of("lookup-speed"));
        BROKEN.put(BrokenRings.AddTwiceDuplicates.class, Set.of("membership"));
        BROKEN.put(BrokenRings.EmptyReturnsNull.class, Set.of("empty-ring"));
        BROKEN.put(BrokenRings.RemoveUnknownThrows.class, Set.of("membership"));
    }

    static final List<Class<?>> CORRECT = List.of(ReferenceHashRing.class, BrokenRings.Correct.class,
            SkipListRing.class, ReadWriteLockRing.class);

    static Map<Class<?>, GradeReport> reports;

    @BeforeAll
    static void gradeEverything() {
        var all = new ArrayList<Class<?>>(CORRECT);
        all.add(MyHashRing.class);
        all.addAll(BROKEN.keySet());
        reports = CatalogueGrading.gradeAll("hashring", HashRingFactory.class, all);
        reports.forEach((impl, r) -> System.out.println(impl.getSimpleName() + ": " + CatalogueGrading.describe(r)));
    }

    /** What a broken ring must lose: its aimed checks, and the speed check if the gate is among them. */
    static Set<String> expectedLost(Set<String> aimed) {
        var lost = new HashSet<>(aimed);
        if (aimed.stream().anyMatch(SPEED_REQUIRES::contains)) {
            lost.add("lookup-speed");
        }
        return lost;
    }

    @TestFactory
    Stream<DynamicTest> correctRingsGetFullMarks() {
        return CatalogueGrading.fullMarks(reports, CORRECT, 100);
    }

    @TestFactory
    Stream<DynamicTest> referenceGetsFullMarksRunAfterRun() {
        return CatalogueGrading.fullMarksRunAfterRun("hashring", HashRingFactory.class, ReferenceHashRing.class,
                CatalogueGrading.PARALLEL_FORKS);
    }

    @TestFactory
    Stream<DynamicTest> starterScoresZero() {
        return CatalogueGrading.scoresZeroCleanly(reports, MyHashRing.class);
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenRingLosesExactlyTheChecksAimedAtItsBug() {
        return CatalogueGrading.losesExactly(reports, BROKEN.keySet(), impl -> expectedLost(BROKEN.get(impl)));
    }

    @TestFactory
    Stream<DynamicTest> catalogueCoversEveryCheckAndTheGateMatchesTheSuite() {
        return Stream.of(DynamicTest.dynamicTest("coverage and gate", () -> {
            var aimed = BROKEN.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet());
            var ids = reports.get(ReferenceHashRing.class).checks().stream().map(c -> c.id()).toList();
            assertThat(aimed).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(BROKEN).hasSizeGreaterThanOrEqualTo(10);
            var declared = HashRingSuite.class.getDeclaredMethod("lookupSpeed")
                    .getAnnotation(org.workdistlab.grader.api.Check.class).requires();
            assertThat(Set.of(declared)).isEqualTo(SPEED_REQUIRES);
        }));
    }
}
