package org.descentlab.notebook;

import org.descentlab.util.Check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown the library writes into messages (exercise checks): {@code **bold**},
 * {@code `code`}, paragraphs separated by blank lines, lines starting with {@code - } as a list and
 * fenced code blocks. Turned into HTML for the notebook, or into plain text without the markers for
 * consoles and screen readers.
 */
public final class RichText {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private RichText() {}

    /** {@code markdown} as HTML (one {@code <div>}). */
    public static String html(String markdown) {
        Check.notNull("markdown", markdown);
        StringBuilder b = new StringBuilder("<div class=\"descent-text\">");
        boolean inList = false;
        boolean inCode = false;
        StringBuilder paragraph = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                paragraph = flush(b, paragraph);
                if (inList) {
                    b.append("</ul>");
                    inList = false;
                }
                b.append(inCode ? "</pre>" : "<pre>");
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                b.append(HtmlTable.escape(line)).append('\n');
                continue;
            }
            if (line.startsWith("- ") || line.startsWith("* ")) {
                paragraph = flush(b, paragraph);
                if (!inList) {
                    b.append("<ul>");
                    inList = true;
                }
                b.append("<li>").append(inline(line.substring(2))).append("</li>");
                continue;
            }
            if (inList) {
                b.append("</ul>");
                inList = false;
            }
            if (line.isBlank()) {
                paragraph = flush(b, paragraph);
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append("<br>");
                }
                paragraph.append(inline(line));
            }
        }
        flush(b, paragraph);
        if (inList) {
            b.append("</ul>");
        }
        if (inCode) {
            b.append("</pre>");
        }
        return b.append("</div>").toString();
    }

    /** {@code markdown} as plain text: the bold and code markers and code fences removed. */
    public static String plain(String markdown) {
        Check.notNull("markdown", markdown);
        String s = markdown.replaceAll("(?m)^```.*\\n?", "");
        s = BOLD.matcher(s).replaceAll("$1");
        return CODE.matcher(s).replaceAll("$1");
    }

    private static StringBuilder flush(StringBuilder b, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            b.append("<p>").append(paragraph).append("</p>");
        }
        return new StringBuilder();
    }

    private static String inline(String line) {
        String s = HtmlTable.escape(line);
        s = BOLD.matcher(s).replaceAll(m -> "<b>" + Matcher.quoteReplacement(m.group(1)) + "</b>");
        return CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
    }
}
