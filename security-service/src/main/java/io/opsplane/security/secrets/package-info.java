/**
 * Encryption of stored secrets, envelope style.
 *
 * <p>Each value is sealed with AES-256-GCM under a random {@link io.opsplane.security.secrets.DataKey}, and the
 * data key is stored wrapped under a {@link io.opsplane.security.secrets.MasterKey} that never leaves the
 * service's configuration. Rotating the master key therefore rewraps data keys only; sealed values stay as they
 * are. The associated data of every ciphertext names what it belongs to (the data key's id, the secret's scope,
 * name and version), so a ciphertext copied onto another row does not open.
 *
 * <p>Plain JDK cryptography, no framework types: a persistence adapter stores what this package produces.
 */
package io.opsplane.security.secrets;
