package org.workdistlab.grader.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a solution out of a Jupyter notebook: the code cells whose {@code metadata.tags} contain
 * {@code exercise:<id>}. Each tagged cell becomes its own compilation unit, named after its public type; import lines
 * of all tagged cells are shared, so an import in one cell serves the others (the error lines still point into the
 * learner's cell).
 */
public final class NotebookReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookReader() {
    }

    public static List<SourceUnit> read(Path notebook, String exerciseId) throws SubmissionInputException {
        String name = notebook.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(notebook));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SubmissionInputException(name + " is not valid notebook JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                            // Jackson names where an unclosed object started, with a source it cannot show
                            .replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                    + "; open it in Jupyter and save it again");
        } catch (IOException e) {
            throw new SubmissionInputException("cannot read " + name + ": " + e.getMessage());
        }
        if (root == null || !root.path("cells").isArray()) {
            throw new SubmissionInputException(name + " has no \"cells\" list: it is not a Jupyter notebook");
        }
        String tag = "exercise:" + exerciseId;
        var cells = new ArrayList<String>();
        var numbers = new ArrayList<Integer>();
        int index = 0;
        for (JsonNode cell : root.get("cells")) {
            index++;
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            boolean tagged = false;
            for (JsonNode t : cell.path("metadata").path("tags")) {
                tagged |= tag.equals(t.asText());
            }
            if (tagged) {
                cells.add(source(cell.path("source")));
                numbers.add(index);
            }
        }
        if (cells.isEmpty()) {
            throw new SubmissionInputException("no code cell in " + name + " is tagged " + tag
                    + "; add the tag to the cells with your solution (Jupyter: View > Cell Toolbar > Tags)");
        }
        Set<String> imports = new LinkedHashSet<>();
        for (String code : cells) {
            code.lines().map(String::strip).filter(l -> l.startsWith("import ") && l.endsWith(";"))
                    .forEach(imports::add);
        }
        var units = new ArrayList<SourceUnit>();
        for (int i = 0; i < cells.size(); i++) {
            String code = cells.get(i);
            var own = code.lines().map(String::strip).toList();
            var shared = imports.stream().filter(im -> !own.contains(im)).toList();
            String prefix = shared.isEmpty() ? "" : String.join("\n", shared) + "\n";
            String fallback = "Cell" + numbers.get(i) + ".java";
            units.add(new SourceUnit(SubmissionInputs.unitFileName(code, fallback), prefix + code,
                    name + " cell " + numbers.get(i), shared.size()));
        }
        return units;
    }

    private static String source(JsonNode source) {
        if (source.isArray()) {
            var sb = new StringBuilder();
            source.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return source.asText();
    }
}
