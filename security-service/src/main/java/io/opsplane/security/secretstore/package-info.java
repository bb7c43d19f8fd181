/**
 * Stored secrets: the use cases behind the SecretService gRPC API, on top of the encryption engine in
 * {@link io.opsplane.security.secrets}.
 *
 * <p>Storage (migration V102): table {@code secret} holds the latest version of each secret, its value only
 * sealed; table {@code secret_data_key} holds the data keys, each wrapped under a master key. Every version
 * gets a data key of its own, deleted when the version is replaced or the secret deleted, so an old value
 * cannot be opened again even with the master key; the price is one small row per secret, which rotation
 * rewraps. One more data key, purpose {@code fingerprint}, keys the HMAC fingerprints.
 *
 * <p>The master keys live only in the configuration ({@link io.opsplane.security.secretstore.MasterKeyRing});
 * rotation ({@link io.opsplane.security.secretstore.MasterKeyRotator}) rewraps data keys and never touches a
 * sealed value.
 */
package io.opsplane.security.secretstore;
