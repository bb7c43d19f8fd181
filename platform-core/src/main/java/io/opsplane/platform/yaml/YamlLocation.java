package io.opsplane.platform.yaml;

/** Where a value starts in the text: 1-based line and column. */
public record YamlLocation(int line, int column) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
