package io.opsplane.deploy.traffic.haproxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the haproxy binary: on PATH, else in the sbin folders Debian installs it to and a minimal PATH lacks. */
public final class HaproxyExecutable {

    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/local/sbin"));

    private HaproxyExecutable() {
    }

    public static Path locate() {
        String path = System.getenv("PATH");
        List<Path> folders = new ArrayList<>();
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (!folder.isEmpty()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        SBIN.stream().filter(folder -> !folders.contains(folder)).forEach(folders::add);
        return locateIn(folders);
    }

    public static Path locateIn(List<Path> folders) {
        for (Path folder : folders) {
            Path candidate = folder.resolve("haproxy");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new HaproxyNotInstalledException(folders);
    }
}
