package org.workdistlab.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The renderers visible from one class loader, plus the built-in ones ({@link Displayable} and images),
 * in priority order. {@link #render} never throws: a failing renderer is skipped and the last resort is
 * {@code String.valueOf(value)} as {@code text/plain}.
 */
public final class Renderers {

    private final List<Renderer> renderers;

    private Renderers(List<Renderer> renderers) {
        this.renderers = List.copyOf(renderers);
    }

    /** Loads every {@link Renderer} service visible from {@code loader}; a broken provider is skipped. */
    public static Renderers load(ClassLoader loader) {
        var found = new ArrayList<Renderer>();
        found.add(new DisplayableRenderer());
        found.add(new ImageRenderer());
        var it = ServiceLoader.load(Renderer.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // A renderer whose library is missing must not take the others down with it.
                System.err.println("display: skipped a renderer that could not load: " + e);
            }
        }
        found.sort(Comparator.comparingInt(Renderer::priority).reversed());
        return new Renderers(found);
    }

    /** The renderers in the order they are tried. */
    public List<Renderer> all() {
        return renderers;
    }

    /** The richest representation available for {@code value}; {@code null} renders as {@code "null"}. */
    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.text("null");
        }
        for (var r : renderers) {
            boolean accepts;
            try {
                accepts = r.accepts(value);
            } catch (RuntimeException | LinkageError e) {
                continue;
            }
            if (!accepts) {
                continue;
            }
            try {
                var bundle = r.render(value);
                if (bundle != null) {
                    return bundle;
                }
            } catch (RuntimeException | LinkageError e) {
                System.err.println("display: " + r.getClass().getName() + " failed on " + value.getClass().getName()
                        + ": " + e);
            }
        }
        return MimeBundle.text(safeToString(value));
    }

    static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString threw " + e + ")";
        }
    }

    private static final class DisplayableRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Displayable;
        }

        @Override
        public MimeBundle render(Object value) {
            return ((Displayable) value).toMimeBundle();
        }

        @Override
        public int priority() {
            return 100;
        }
    }

    private static final class ImageRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof RenderedImage;
        }

        @Override
        public MimeBundle render(Object value) {
            var image = (RenderedImage) value;
            var out = new ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return MimeBundle.png(out.toByteArray(),
                    "image " + image.getWidth() + "x" + image.getHeight());
        }
    }
}
