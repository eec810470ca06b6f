package io.leaseledger.isc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexical conventions ISC dhcpd's files share (dhcpd.conf(5), dhcpd.leases(5)): words,
 * quoted strings with C escapes, {@code #} comments to the end of the line, and punctuation
 * characters that are tokens of their own — {@code ; { }} in the leases file, more in the
 * configuration ({@code , = ( )}). Each token knows its line, for messages.
 */
public final class IscTokens {
    /** The punctuation of dhcpd.leases. */
    public static final String LEASES_PUNCTUATION = ";{}";
    /** The punctuation of dhcpd.conf: lists, conditions and option definitions too. */
    public static final String CONF_PUNCTUATION = ";{},=()";

    /** A word, a quoted string (its octets, dhcpd's escapes undone) or a punctuation character. */
    public record Token(String text, boolean quoted, int line) {
        public boolean is(String word) {
            return !quoted && text.equals(word);
        }

        public byte[] bytes() {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private final String text;
    private final String punctuation;
    private int at;
    private int line = 1;
    private Token peeked;

    public IscTokens(String text, String punctuation) {
        this.text = text;
        this.punctuation = punctuation;
    }

    public boolean hasNext() {
        if (peeked == null) {
            peeked = read();
        }
        return peeked != null;
    }

    public Token peek() {
        hasNext();
        return peeked;
    }

    public Token next() {
        hasNext();
        Token token = peeked;
        peeked = null;
        return token;
    }

    /** The statements up to the matching {@code }}; nested blocks ({@code on commit { … }}) are passed over. */
    public List<List<Token>> block() {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> statement = new ArrayList<>();
        while (hasNext()) {
            Token token = next();
            if (token.is("}")) {
                return statements;
            } else if (token.is(";")) {
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                statement = new ArrayList<>();
            } else if (token.is("{")) {
                block();
                statement = new ArrayList<>();
            } else {
                statement.add(token);
            }
        }
        return statements;
    }

    /** Passes over the rest of a statement: up to its {@code ;} or its block's end. */
    public void skipStatement(Token first) {
        Token token = first;
        while (true) {
            if (token.is(";")) {
                return;
            }
            if (token.is("{")) {
                block();
                return;
            }
            if (!hasNext()) {
                return;
            }
            token = next();
        }
    }

    private Token read() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\n') {
                line++;
                at++;
            } else if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (punctuation.indexOf(c) >= 0) {
                at++;
                return new Token(String.valueOf(c), false, line);
            } else if (c == '"') {
                return quoted();
            } else {
                int start = at;
                while (at < text.length() && !Character.isWhitespace(text.charAt(at))
                        && punctuation.indexOf(text.charAt(at)) < 0 && text.charAt(at) != '"') {
                    at++;
                }
                return new Token(text.substring(start, at), false, line);
            }
        }
        return null;
    }

    private Token quoted() {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return new Token(value.toString(), true, startLine);
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\' || at >= text.length()) {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            if (escaped >= '0' && escaped <= '7' && at + 1 < text.length()) {
                value.append((char) Integer.parseInt(text.substring(at - 1, at + 2), 8));
                at += 2;
            } else {
                value.append(switch (escaped) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> escaped;
                });
            }
        }
        throw new IllegalArgumentException("line " + startLine + ": a string that never ends");
    }
}
