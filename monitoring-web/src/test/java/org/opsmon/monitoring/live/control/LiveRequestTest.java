package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The four requests a live client may send, and the message for everything else. */
class LiveRequestTest {

    static LiveRequest parse(String text) {
        return LiveRequest.parse(text.replace('\'', '"'), 3);
    }

    static String refusal(String text) {
        return assertThrows(LiveRequest.Invalid.class, () -> parse(text)).getMessage();
    }

    @Test
    void theFourRequests() {
        assertEquals(new LiveRequest.Ping(), parse("{'type':'ping'}"));
        assertEquals(new LiveRequest.GetStatus(), parse("{'type':'get_status'}"));
        assertEquals(new LiveRequest.Unsubscribe(), parse(" {'type':'unsubscribe'} "));
        assertEquals(new LiveRequest.Subscribe(Set.of("web-01", "db-01")),
                parse("{'type':'subscribe','sources':['web-01','db-01','web-01']}"));
    }

    @Test
    void subscribeWithoutAListMeansEverySourceAndAnEmptyListNone() {
        assertNull(((LiveRequest.Subscribe) parse("{'type':'subscribe'}")).sources());
        assertNull(((LiveRequest.Subscribe) parse("{'type':'subscribe','sources':null}")).sources());
        assertEquals(Set.of(), ((LiveRequest.Subscribe) parse("{'type':'subscribe','sources':[]}")).sources());
    }

    @Test
    void membersOtherThanTheRequestsAreIgnored() {
        assertEquals(new LiveRequest.Ping(), parse("{'type':'ping','id':7,'extra':{'a':[1]}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                            | The frame is not JSON",
        "''                                   | The frame is not JSON",
        "{'type':'ping'} {'type':'ping'}      | The frame is not JSON",
        "{'type':'ping'}x                     | The frame is not JSON",
        "['ping']                             | A request is a JSON object such as {'type':'ping'}, got a list",
        "42                                   | got a number",
        "{}                                   | A request needs a 'type'",
        "{'type':null}                        | A request needs a 'type'",
        "{'type':7}                           | 'type' must be a string, got a number",
        "{'type':'dance'}                     | Unknown type 'dance'; the server understands ping, get_status",
        "{'type':'PING'}                      | Unknown type 'PING'",
        "{'type':'subscribe','sources':'a'}   | 'sources' must be a list of source names, got a string",
        "{'type':'subscribe','sources':{}}    | got a object",
        "{'type':'subscribe','sources':[1]}   | 'sources[0]' must be a source name, got a number",
        "{'type':'subscribe','sources':['']}  | 'sources[0]' is empty",
        "{'type':'subscribe','sources':['a','b','c','d']} | names 4 sources, more than the 3 one subscription may name (monitoring.live.max.sources)",
    })
    void everythingElseIsRefusedWithAMessageSayingWhy(String frame, String expected) {
        String message = refusal(frame.equals("''") ? "" : frame);
        assertTrue(message.contains(expected.replace('\'', '"')), message);
    }

    @Test
    void sourceNamesFollowTheTextRuleAndTheColumnSize() {
        assertTrue(refusal("{'type':'subscribe','sources':['ok','a\\u0000b']}")
                .contains("\"sources[1]\" contains a control character (U+0000) at position 1"));
        assertTrue(refusal("{'type':'subscribe','sources':['" + "x".repeat(65) + "']}")
                .contains("is longer than 64 characters"));
    }

    @Test
    void aLongUnknownTypeIsQuotedShortAndControlCharactersAreNotEchoed() {
        String message = refusal("{'type':'" + "y".repeat(500) + "'}");
        assertTrue(message.contains("y".repeat(40) + "…\""), message);
        assertTrue(message.length() < 200, message);
        assertTrue(refusal("{'type':'a\\u001bb'}").contains("(a name with control characters)"));
    }
}
