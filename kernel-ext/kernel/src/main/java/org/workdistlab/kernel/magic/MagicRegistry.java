package org.workdistlab.kernel.magic;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.workdistlab.kernel.spi.Magic;

/**
 * The magics visible from one class loader ({@code META-INF/services/org.workdistlab.kernel.spi.Magic}): the
 * kernel's built-ins and any a {@code %classpath} jar brings. A provider that fails to load is skipped with a
 * message, so one broken jar cannot take the other magics down.
 */
public final class MagicRegistry {

    private final Map<String, Magic> lineMagics;
    private final Map<String, Magic> cellMagics;

    private MagicRegistry(Map<String, Magic> lineMagics, Map<String, Magic> cellMagics) {
        this.lineMagics = lineMagics;
        this.cellMagics = cellMagics;
    }

    /** Loads every magic service visible from {@code loader}; problems are reported on {@code diagnostics}. */
    public static MagicRegistry load(ClassLoader loader, PrintStream diagnostics) {
        var found = new ArrayList<Magic>();
        var it = ServiceLoader.load(Magic.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                diagnostics.println("kernel: skipped a magic that could not load: " + e);
            }
        }
        found.sort(Comparator.comparing(Magic::name));
        var line = new LinkedHashMap<String, Magic>();
        var cell = new LinkedHashMap<String, Magic>();
        for (var m : found) {
            (m.isCellMagic() ? cell : line).putIfAbsent(m.name(), m);
        }
        return new MagicRegistry(line, cell);
    }

    public Optional<Magic> line(String name) {
        return Optional.ofNullable(lineMagics.get(name));
    }

    public Optional<Magic> cell(String name) {
        return Optional.ofNullable(cellMagics.get(name));
    }

    /** Line magics, then cell magics, each sorted by name. */
    public List<Magic> all() {
        var all = new ArrayList<Magic>(lineMagics.values());
        all.addAll(cellMagics.values());
        return all;
    }
}
