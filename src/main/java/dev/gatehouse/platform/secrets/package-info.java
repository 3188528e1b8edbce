/**
 * Secrets at rest: the master key and the AES-GCM {@link dev.gatehouse.platform.secrets.SecretBox} that seals values with it.
 */
@NullMarked
package dev.gatehouse.platform.secrets;

import org.jspecify.annotations.NullMarked;
