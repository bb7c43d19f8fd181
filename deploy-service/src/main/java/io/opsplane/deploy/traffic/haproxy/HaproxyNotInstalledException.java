package io.opsplane.deploy.traffic.haproxy;

import java.nio.file.Path;
import java.util.List;

/** The haproxy binary was not found; the message names the Debian package that provides it. */
public final class HaproxyNotInstalledException extends IllegalStateException {

    public HaproxyNotInstalledException(List<Path> searched) {
        super("haproxy is not installed (looked in " + searched
                + "); install the Debian package haproxy: apt-get install -y haproxy");
    }
}
