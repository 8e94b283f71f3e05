package org.workdistlab.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RenderersTest {

    /** Registered in src/test/resources/META-INF/services: accepts Integers, renders them as HTML. */
    public static final class IntegerRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Integer;
        }

        @Override
        public MimeBundle render(Object value) {
            return MimeBundle.html("<b>" + value + "</b>", String.valueOf(value));
        }
    }

    /** Registered too, with a higher priority, and always fails: the next renderer must take over. */
    public static final class BrokenRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Integer && (Integer) value < 0;
        }

        @Override
        public MimeBundle render(Object value) {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public int priority() {
            return 10;
        }
    }

    private final Renderers renderers = Renderers.load(getClass().getClassLoader());

    @Nested
    class Lookup {
        @Test
        void service_renderers_are_found_and_sorted_by_priority() {
            var classes = renderers.all().stream().map(r -> r.getClass().getSimpleName()).toList();
            assertThat(classes).contains("IntegerRenderer", "BrokenRenderer");
            assertThat(classes.indexOf("BrokenRenderer")).isLessThan(classes.indexOf("IntegerRenderer"));
        }

        @Test
        void a_renderer_that_throws_falls_back_to_the_next() {
            var bundle = renderers.render(-3);
            assertThat(bundle.data()).containsEntry(MimeBundle.HTML, "<b>-3</b>");
        }

        @Test
        void values_no_renderer_accepts_render_as_their_toString() {
            assertThat(renderers.render(List.of(1, 2)).data()).containsOnlyKeys(MimeBundle.TEXT)
                    .containsEntry(MimeBundle.TEXT, "[1, 2]");
            assertThat(renderers.render(null).plainText()).isEqualTo("null");
        }

        @Test
        void a_toString_that_throws_does_not_escape() {
            var hostile = new Object() {
                @Override
                public String toString() {
                    throw new UnsupportedOperationException("no");
                }
            };
            assertThat(renderers.render(hostile).plainText()).contains("toString threw");
        }
    }

    @Nested
    class BuiltIns {
        @Test
        void displayable_values_render_themselves() {
            Displayable d = () -> MimeBundle.html("<i>x</i>", "x");
            assertThat(renderers.render(d).data()).containsEntry(MimeBundle.HTML, "<i>x</i>");
        }

        @Test
        void images_render_as_png() {
            var image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
            var bundle = renderers.render(image);
            byte[] png = Base64.getDecoder().decode(bundle.data().get(MimeBundle.PNG));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(bundle.plainText()).isEqualTo("image 3x2");
        }
    }

    @Nested
    class DisplayFacade {
        @Test
        void display_then_update_reach_the_backend_with_the_same_id() {
            var published = new ArrayList<String>();
            var before = Display.backend();
            Display.install(new DisplayBackend() {
                @Override
                public void publish(MimeBundle bundle, String displayId, boolean update) {
                    published.add((update ? "update " : "new ") + displayId + " " + bundle.plainText());
                }

                @Override
                public void clearOutput(boolean wait) {
                    published.add("clear " + wait);
                }

                @Override
                public boolean isRich() {
                    return true;
                }
            }, renderers);
            try {
                String id = Display.display(41);
                Display.updateDisplay(id, 42);
                Display.clearOutput();
                assertThat(published).containsExactly("new " + id + " 41", "update " + id + " 42", "clear false");
                assertThat(Display.isRich()).isTrue();
            } finally {
                Display.install(before, renderers);
            }
        }
    }
}
