package org.opsmon.monitoring.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests no endpoint can read, refused before any of them sees one, with the API's JSON error:
 * a path or query whose percent-escapes are no valid UTF-8 (the container would hand on U+FFFD
 * in their place, indistinguishable from a real one), a path with an encoded '/' or '\' (which
 * the container may resolve into another endpoint: {@code clients/%2F..%2F..%2Fhealth}), and a
 * body without a Content-Type (JAX-RS would guess its type).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class MalformedRequests extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        String lowerPath = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2f") || lowerPath.contains("%5c")) {
            refuse(response, 400, "invalid_path", "The path holds an encoded '/' or '\\', which names no resource");
        } else if (!decodesAsUtf8(path)) {
            refuse(response, 400, "invalid_path", "The path's percent-escapes are not valid UTF-8");
        } else if (!decodesAsUtf8(request.getQueryString())) {
            refuse(response, 400, "invalid_query", "The query's percent-escapes are not valid UTF-8");
        } else if (hasBody(request) && request.getContentType() == null) {
            refuse(response, 415, "unsupported_media_type", "A request body needs a Content-Type header");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** True when every %XX escape is well formed and the bytes they give are valid UTF-8. */
    static boolean decodesAsUtf8(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ErrorBody.json(code, message));
    }
}
