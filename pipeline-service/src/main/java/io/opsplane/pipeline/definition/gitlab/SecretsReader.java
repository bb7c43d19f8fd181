package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code secrets:} with Opsplane's own provider: {@code DB_PASSWORD: {opsplane: db-password}} gives the job the
 * value of secret {@code db-password} of its pipeline's scope in variable {@code DB_PASSWORD}, masked in the log.
 * GitLab's external providers (Vault, cloud secret managers) are refused by name, and so is {@code file: true}:
 * the value is always the variable's value.
 */
final class SecretsReader {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,127}");
    private static final Set<String> EXTERNAL = Set.of("vault", "gcp_secret_manager", "azure_key_vault",
            "aws_secrets_manager", "akeyless", "gitlab_secrets_manager");

    private SecretsReader() {
    }

    /** Variable name → secret name, in written order. */
    static Map<String, String> read(Where where, Optional<YamlValue> written) throws InvalidDefinitionException {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (written.isEmpty()) {
            return secrets;
        }
        YamlMap map = Read.map(where, written.get());
        for (YamlMap.Entry entry : map.entries()) {
            Where at = where.at(entry.key());
            if (!VARIABLE.matcher(entry.key()).matches()) {
                throw at.error(entry.keyPosition(), "a secret's variable name is letters, digits and '_'");
            }
            YamlMap secret = Read.map(at, entry.value());
            for (YamlMap.Entry provider : secret.entries()) {
                if (EXTERNAL.contains(provider.key())) {
                    throw at.at(provider.key()).error(provider.keyPosition(), "secret provider '" + provider.key()
                            + "' is not available: store the secret in Opsplane and write 'opsplane: <name>'");
                }
            }
            Read.keys(at, secret, Set.of("opsplane", "file", "token"));
            if (secret.present("token").isPresent()) {
                throw at.at("token").error(secret.present("token").get().position(),
                        "'token' belongs to external providers; the opsplane provider needs none");
            }
            if (secret.present("file").isPresent() && Read.bool(at.at("file"), secret.present("file").get())) {
                throw at.at("file").error(secret.present("file").get().position(),
                        "secrets as files are not supported: the variable holds the value (write 'file: false')");
            }
            YamlValue name = secret.present("opsplane").orElseThrow(() -> at.error(entry.keyPosition(),
                    "name the secret with 'opsplane: <secret name>'"));
            String secretName = Read.string(at.at("opsplane"), name);
            if (!SECRET.matcher(secretName).matches()) {
                throw at.at("opsplane").error(name.position(), "'" + secretName + "' is not a secret name");
            }
            secrets.put(entry.key(), secretName);
        }
        return secrets;
    }
}
