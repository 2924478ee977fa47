package org.mlpf.notebooks;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code %spark.sql} paragraph into statements as Zeppelin's SQL interpreter does: at {@code ;} outside
 * quotes, back-quoted identifiers and comments; {@code --} line comments and {@code /* *}{@code /} block comments
 * are dropped; empty statements are skipped.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && quote != '`' && i + 1 < n) {
                    cur.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && next == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                cur.append('\n');
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                add(out, cur);
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
