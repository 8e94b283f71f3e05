package org.workdistlab.kernel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private final History history = new History();

    HistoryTest() {
        history.add(1, "int x = 1;", null);
        history.add(2, "x + 1", "2");
        history.add(3, "Math.max(3, 4)", "4");
        history.add(4, "x + 1", "2");
        history.add(5, "Math.max(3, 4)", "4");
    }

    @Test
    void tailReturnsTheLastNInOrder() {
        assertThat(history.tail(2, false)).containsExactly(
                List.of(History.SESSION, 4, "x + 1"), List.of(History.SESSION, 5, "Math.max(3, 4)"));
        assertThat(history.tail(null, false)).hasSize(5);
        assertThat(history.tail(1, true).get(0).get(2)).isEqualTo(List.of("Math.max(3, 4)", "4"));
        assertThat(history.tail(99, true).get(0).get(2)).isEqualTo(Arrays.asList("int x = 1;", null));
    }

    @Test
    void rangeIsStartInclusiveStopExclusiveInThisSession() {
        assertThat(history.range(History.SESSION, 2, 4, false)).extracting(r -> r.get(1)).containsExactly(2, 3);
        assertThat(history.range(0, 5, null, false)).extracting(r -> r.get(1)).containsExactly(5);
        assertThat(history.range(7, 1, 9, false)).isEmpty();
    }

    @Test
    void searchMatchesTheWholeInputAsAGlob() {
        assertThat(history.search("Math.max*", false, null, false)).extracting(r -> r.get(1)).containsExactly(3, 5);
        assertThat(history.search("Math.max*", true, null, false)).extracting(r -> r.get(1)).containsExactly(5);
        assertThat(history.search("x ? 1", false, 1, false)).extracting(r -> r.get(1)).containsExactly(4);
        assertThat(history.search("max", false, null, false)).isEmpty();
        assertThat(history.search("*", true, null, false)).extracting(r -> r.get(2))
                .containsExactly("int x = 1;", "x + 1", "Math.max(3, 4)");
    }
}
