package io.opsplane.platform.access;

import com.google.protobuf.Descriptors;
import io.opsplane.proto.security.v1.PermissionsProto;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every gRPC service of the contracts module, found through the generated outer classes: what the
 * checks that no method ships without a permission, and none answers an unauthenticated caller, go over.
 */
public final class ContractServices {

    private ContractServices() {
    }

    public static List<Descriptors.ServiceDescriptor> all() {
        List<Descriptors.ServiceDescriptor> services = new ArrayList<>();
        for (String className : outerClassNames()) {
            try {
                Class<?> type = Class.forName(className);
                Descriptors.FileDescriptor file = (Descriptors.FileDescriptor) type.getMethod("getDescriptor").invoke(null);
                services.addAll(file.getServices());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the descriptor of " + className, e);
            }
        }
        return services;
    }

    private static List<String> outerClassNames() {
        List<String> entries = new ArrayList<>();
        try {
            Path location = Path.of(PermissionsProto.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(file -> location.relativize(file).toString()).forEach(entries::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName).forEach(entries::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the contracts module", e);
        }
        return entries.stream().filter(name -> name.matches("io/opsplane/proto/.*/[A-Za-z]+Proto\\.class"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).sorted().toList();
    }
}
