package org.opsmon.monitoring.platform.boundary;

import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The API's field names: Java's camelCase in snake_case, where a capital or a number after a
 * letter starts a word ({@code clientId} → {@code client_id}, {@code load1} → {@code load_1}, as
 * the contracts write load averages). One rule for both JSON-B, which writes the answers, and
 * the OpenAPI description, which would otherwise show the Java names: they cannot disagree.
 */
public final class JsonNames implements PropertyNamingStrategy {

    public static final JsonNames SNAKE_CASE = new JsonNames();

    private JsonNames() {
    }

    @Override
    public String translateName(String javaName) {
        StringBuilder name = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    name.append('_');
                }
                name.append(Character.toLowerCase(c));
            } else {
                if (Character.isDigit(c) && i > 0 && Character.isLetter(javaName.charAt(i - 1))) {
                    name.append('_');
                }
                name.append(c);
            }
        }
        return name.toString();
    }
}
