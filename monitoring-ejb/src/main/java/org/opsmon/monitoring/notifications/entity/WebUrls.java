package org.opsmon.monitoring.notifications.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The URLs a channel posts to: absolute http or https with a host, no credentials inside. */
final class WebUrls {

    static final int MAX_LENGTH = 2048;

    private WebUrls() {
    }

    static URI read(JsonMembers members, String name, String text, boolean secret) {
        String shown = secret ? "" : ", got '" + text + "'";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw members.problem(name, "must be an absolute http or https URL" + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw members.problem(name, "must be an absolute http or https URL with a host" + shown);
        }
        if (uri.getRawUserInfo() != null) {
            throw members.problem(name, "must not hold a user name or password; send credentials in a header");
        }
        if (uri.getRawFragment() != null) {
            throw members.problem(name, "must not have a fragment (#…)");
        }
        return uri;
    }
}
