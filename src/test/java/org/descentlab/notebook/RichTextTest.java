package org.descentlab.notebook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RichTextTest {

    private static final String CHECK = "**adam (Adam): NOT YET — eps inside the square root** [eps-inside-sqrt]\n\n"
            + "Your step differs at `t = 1`:\n- yours 0.1\n- reference 0.09";

    @Test
    void htmlTurnsMarkersIntoTags() {
        assertEquals("<div class=\"descent-text\"><p><b>adam (Adam): NOT YET — eps inside the square root</b>"
                + " [eps-inside-sqrt]</p><p>Your step differs at <code>t = 1</code>:</p>"
                + "<ul><li>yours 0.1</li><li>reference 0.09</li></ul></div>", RichText.html(CHECK));
    }

    @Test
    void plainDropsTheMarkers() {
        assertEquals("adam (Adam): NOT YET — eps inside the square root [eps-inside-sqrt]\n\n"
                + "Your step differs at t = 1:\n- yours 0.1\n- reference 0.09", RichText.plain(CHECK));
    }

    @Test
    void codeBlocksAreKeptVerbatimAndEscaped() {
        assertEquals("<div class=\"descent-text\"><p>see</p><pre>a < b **c**\n</pre></div>".replace("<pre>a <", "<pre>a &lt;"),
                RichText.html("see\n```\na < b **c**\n```"));
        assertEquals("see\na < b c\n", RichText.plain("see\n```\na < b **c**\n```\n"));
    }
}
