package io.leaseledger.config;

import io.leaseledger.isc.IscTokens;
import io.leaseledger.isc.IscTokens.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * ISC dhcpd's {@code dhcpd.conf} as a tree of statements (dhcpd.conf(5)): a statement is words up
 * to a {@code ;}, or words and a block in braces ({@code subnet … { … }}, {@code if … { … }}).
 * Nothing is interpreted here; a file that does not nest or end properly is refused with its line.
 */
final class DhcpdStatements {
    private DhcpdStatements() {}

    /** One statement: its words ({@code ,}, {@code =}, parentheses included as words), its block (null: none). */
    record Statement(List<Token> words, List<Statement> block, int line) {
        String keyword() {
            return words.isEmpty() ? "" : words.getFirst().text();
        }

        /** The word at {@code i}, or "" past the end. */
        String word(int i) {
            return i < words.size() ? words.get(i).text() : "";
        }

        List<Statement> body() {
            return block == null ? List.of() : block;
        }

        /** As written, on one line, quotes kept: for the report of what was not converted. */
        String text() {
            StringBuilder b = new StringBuilder();
            for (Token t : words) {
                if (!b.isEmpty() && !t.is(",") && !t.is(")") && !b.toString().endsWith("(")) {
                    b.append(' ');
                }
                b.append(t.quoted() ? '"' + t.text() + '"' : t.text());
            }
            return b.append(block == null ? ";" : " { … }").toString();
        }
    }

    static List<Statement> parse(String text) {
        IscTokens tokens = new IscTokens(text, IscTokens.CONF_PUNCTUATION);
        return statements(tokens, null);
    }

    /** The statements up to the {@code }} that closes {@code opened} (null: the end of the file). */
    private static List<Statement> statements(IscTokens tokens, Token opened) {
        List<Statement> out = new ArrayList<>();
        List<Token> words = new ArrayList<>();
        while (tokens.hasNext()) {
            Token token = tokens.next();
            if (token.is("}")) {
                if (opened == null) {
                    throw new IllegalArgumentException("line " + token.line() + ": a } that closes no block");
                }
                if (!words.isEmpty()) {
                    throw new IllegalArgumentException("line " + words.getFirst().line() + ": \""
                            + words.getFirst().text() + " …\" is not ended by a ;");
                }
                return out;
            } else if (token.is(";")) {
                if (!words.isEmpty()) {
                    out.add(new Statement(List.copyOf(words), null, words.getFirst().line()));
                }
                words.clear();
            } else if (token.is("{")) {
                int line = words.isEmpty() ? token.line() : words.getFirst().line();
                out.add(new Statement(List.copyOf(words), statements(tokens, token), line));
                words.clear();
            } else {
                words.add(token);
            }
        }
        if (opened != null) {
            throw new IllegalArgumentException("line " + opened.line() + ": a { that is never closed");
        }
        if (!words.isEmpty()) {
            throw new IllegalArgumentException("line " + words.getFirst().line() + ": the file ends inside \""
                    + words.getFirst().text() + " …\" (no ;)");
        }
        return out;
    }
}
