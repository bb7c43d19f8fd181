package io.opsplane.platform.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The Ed25519 key pair of principal assertions, as base64 DER text (PKCS#8 private, X.509 public):
 * generated once into an owner-only file, or read from a value.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 X.509 DER expected)");
        }
    }

    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (base64 PKCS#8 DER expected)");
        }
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The key pair kept in {@code privateFile} (owner-only) and {@code publicFile}: read when present,
     * otherwise generated and written, the private file created owner-only before any byte is in it.
     */
    public static KeyPair loadOrCreate(Path privateFile, Path publicFile) throws IOException {
        if (Files.exists(privateFile)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(privateFile);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalStateException(privateFile + " must be readable by its owner only (chmod 600)");
            }
            PrivateKey privateKey = privateKey(Files.readString(privateFile).strip());
            PublicKey publicKey = publicKey(Files.readString(publicFile).strip());
            return new KeyPair(publicKey, privateKey);
        }
        KeyPair pair = generate();
        Files.createDirectories(privateFile.toAbsolutePath().getParent());
        Path temporary = privateFile.resolveSibling(privateFile.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, encode(pair.getPrivate()) + "\n", StandardCharsets.US_ASCII);
        Files.writeString(publicFile, encode(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, privateFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
            return loadOrCreate(privateFile, publicFile);
        }
        return pair;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
