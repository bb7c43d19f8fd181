package io.opsplane.deploy.service;

import io.opsplane.deploy.config.DeployConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The folders deploy-service reads artifacts from and keeps its runtime state in. */
@ApplicationScoped
public class DeployPaths {

    @Inject
    DeployConfig config;

    @ConfigProperty(name = "opsplane.home")
    java.util.Optional<String> home;

    private volatile ArtifactFolders artifacts;

    public ArtifactFolders artifacts() {
        if (artifacts == null) {
            artifacts = new ArtifactFolders(Path.of(config.artifactRoot().orElseGet(() -> base().resolve("deploy-artifacts").toString())));
        }
        return artifacts;
    }

    public Path state() {
        return Path.of(config.stateDir().orElseGet(() -> base().resolve("deploy").toString())).toAbsolutePath().normalize();
    }

    private Path base() {
        return Path.of(home.orElse(System.getProperty("java.io.tmpdir")));
    }
}
