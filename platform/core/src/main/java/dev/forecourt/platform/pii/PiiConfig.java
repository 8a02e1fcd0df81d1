package dev.forecourt.platform.pii;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * Keys for personal data at rest ({@code forecourt.pii.*}). The shared
 * microprofile-config.properties has development keys only; production sets
 * {@code FORECOURT_PII_KEYS_<ID>}, {@code FORECOURT_PII_ACTIVE_KEY} and {@code FORECOURT_PII_HASH_KEY}.
 * Key ids are best kept to lower-case letters and digits (they travel through environment
 * variable names and are stored in every encrypted value).
 */
@ConfigMapping(prefix = "forecourt.pii")
public interface PiiConfig {

    /** AES keys (base64 of 32 bytes) by key id. Old ids stay configured so their values stay readable. */
    Map<String, String> keys();

    /** The key id new values are sealed with. */
    String activeKey();

    /** HMAC-SHA256 key for look-up hashes (base64, at least 32 bytes). Changing it means recomputing every stored hash. */
    String hashKey();
}
