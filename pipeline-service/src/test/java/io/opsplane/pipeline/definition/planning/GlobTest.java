package io.opsplane.pipeline.definition.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "*.c               | main.c              | true",
        "*.c               | src/main.c          | false",
        "**/*.c            | main.c              | true",
        "**/*.c            | src/deep/main.c     | true",
        "src/**/*          | src/a               | true",
        "src/**/*          | src/a/b/c.txt       | true",
        "src/**/*          | docs/a              | false",
        "docs/*            | docs/a.md           | true",
        "docs/*            | docs/a/b.md         | false",
        "debian/**         | debian/control      | true",
        "debian/**         | debian/source/format | false",
        "*                 | .gitlab-ci.yml      | true",
        ".gitlab-ci.yml    | .gitlab-ci.yml      | true",
        ".gitlab-ci.yml    | x.gitlab-ci.yml     | false",
        "file?.txt         | file1.txt           | true",
        "file?.txt         | file/.txt           | false",
        "[ab].txt          | a.txt               | true",
        "[!ab].txt         | a.txt               | false",
        "[!ab].txt         | c.txt               | true",
        "{ci,scripts}/**/* | scripts/x/y.sh      | true",
        "{ci,scripts}/**/* | tools/x.sh          | false",
        "*Dockerfile*      | ci.Dockerfile.alpine | true",
        "go.*              | go.sum              | true",
        "Makefile*         | Makefile            | true",
        "a+b(c).txt        | a+b(c).txt          | true",
        "tests/*/*/.*.yml  | tests/a/b/.x.yml    | true"
    })
    void matchesAsRubysFnmatchWithPathnameDotmatchAndExtglob(String glob, String path, boolean expected) {
        assertEquals(expected, Glob.of(glob).matches(path));
    }
}
