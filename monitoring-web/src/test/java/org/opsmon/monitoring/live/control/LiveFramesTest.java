package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.AlertsEvaluated;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.StoredSample;

/** The frames as they go on the wire. */
class LiveFramesTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00.250Z");

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    static AlertChanged diskCritical() {
        return new AlertChanged(41, AlertChange.ESCALATED, AlertLevel.CRITICAL, AlertLevel.WARNING, 3, "Disk usage",
                7, "web-01", "disk.percentage", Map.of("path", "/"), 96.2, 95.0,
                "Critical disk usage: 96.2% (threshold: 95.0%)", T, T.minusSeconds(60));
    }

    @Test
    void aSnapshotAndItsAlertsInOneFrame() {
        SamplesIngested snapshot = new SamplesIngested(7, "web-01", T, List.of(
                new StoredSample(SeriesKey.of("disk.percentage", "path", "/"), 96.2),
                new StoredSample(SeriesKey.of("memory.percentage"), 40)), Map.of("system.hostname", "web-01.example"));
        String frame = LiveFrames.monitoringData(new AlertsEvaluated(7, "web-01", T, snapshot, List.of(diskCritical())));
        assertEquals(json("""
                {'type':'monitoring_data','timestamp':1772366400.250,'source':'web-01',
                 'data':{'timestamp':1772366400.250,'disk':[{'path':'/','percentage':96.2}],
                         'memory':{'percentage':40},'system':{'hostname':'web-01.example'}},
                 'alerts':[{'id':41,'timestamp':1772366400.250,'component':'disk','metric':'disk.percentage',
                            'labels':{'path':'/'},'value':96.2,'threshold':95.0,'level':'CRITICAL',
                            'change':'ESCALATED','message':'Critical disk usage: 96.2% (threshold: 95.0%)'}]}"""),
                json(frame));
    }

    @Test
    void aSnapshotWithoutAlertChangesHasAnEmptyList() {
        SamplesIngested snapshot = new SamplesIngested(7, "web-01", T,
                List.of(new StoredSample(SeriesKey.of("processor.usage_percent"), 3.5)));
        JsonObject frame = json(LiveFrames.monitoringData(new AlertsEvaluated(7, "web-01", T, snapshot, List.of())));
        assertEquals(Json.createArrayBuilder().build(), frame.getJsonArray("alerts"));
        assertEquals(3.5, frame.getJsonObject("data").getJsonObject("processor").getJsonNumber("usage_percent").doubleValue());
    }

    @Test
    void aTimerDrivenPassHasNoDataAndAValueJsonCannotHoldIsNull() {
        AlertChanged silent = new AlertChanged(5, AlertChange.OPENED, AlertLevel.CRITICAL, null, 9, "Agent silent", 7,
                "web-01", "agent.silent", Map.of(), Double.NaN, 30, "Agent web-01 sent nothing for 31 s", T, T);
        JsonObject frame = json(LiveFrames.monitoringData(new AlertsEvaluated(7, "web-01", T, null, List.of(silent))));
        assertEquals(jakarta.json.JsonValue.NULL, frame.get("data"));
        JsonObject alert = frame.getJsonArray("alerts").getJsonObject(0);
        assertEquals("agent", alert.getString("component"));
        assertEquals(jakarta.json.JsonValue.NULL, alert.get("value"));
        assertEquals(30, alert.getJsonNumber("threshold").intValue());
        assertEquals("OPENED", alert.getString("change"));
    }

    @Test
    void answersToRequests() {
        assertEquals(json("{'type':'connection','status':'connected'}"), json(LiveFrames.CONNECTED));
        assertEquals(json("{'type':'pong','timestamp':1772366400.250}"), json(LiveFrames.pong(T)));
        assertEquals(json("""
                {'type':'status','connected_clients':2,'server_start_time':1772366400.250,'server_version':'1.2.3',
                 'dropped_clients':1,'message':'Live updates are running; 2 clients are connected'}"""),
                json(LiveFrames.status(2, T, "1.2.3", 1)));
        assertEquals(json("{'type':'subscribed','sources':['a','b']}"), json(LiveFrames.subscribed(Set.of("b", "a"))));
        assertEquals(json("{'type':'subscribed','sources':null}"), json(LiveFrames.subscribed(null)));
        assertEquals(json("{'type':'unsubscribed'}"), json(LiveFrames.UNSUBSCRIBED));
        assertEquals(json("{'type':'error','message':'No.','code':'INVALID_FORMAT'}"), json(LiveFrames.invalid("No.")));
    }

    @Test
    void aTrapAsADeviceEventFrame() {
        NewDeviceEvent trap = NewDeviceEvent.trap(12, T, "192.0.2.7", EventSeverity.ERROR, "1.3.6.1.6.3.1.1.5.3",
                List.of(new TrapVariable("1.3.6.1.2.1.2.2.1.1.3", "Integer32", "3")), "linkDown 1.3.6.1.2.1.2.2.1.1.3=3");
        assertEquals(json("""
                {'type':'device_event','timestamp':1772366400.250,'source':'core-sw',
                 'event':{'id':812,'device_id':12,'type':'trap','severity':3,'severity_name':'error',
                          'message':'linkDown 1.3.6.1.2.1.2.2.1.1.3=3','reported_at':null,'facility':null,
                          'source_address':'192.0.2.7','hostname':null,'app_name':null,
                          'trap_oid':'1.3.6.1.6.3.1.1.5.3',
                          'variables':[{'oid':'1.3.6.1.2.1.2.2.1.1.3','type':'Integer32','value':'3'}]}}"""),
                json(LiveFrames.deviceEvent(new DeviceEventRecorded(812, "core-sw", trap))));
    }

    @Test
    void aSyslogMessageAsADeviceEventFrameKeepsItsOwnTimeAndCleanedText() {
        NewDeviceEvent syslog = NewDeviceEvent.syslog(12, T, "192.0.2.7", T.minusMillis(1250), EventSeverity.WARNING,
                20, "core-sw.example", "ifmgr", "port ge-0/0/1 \u0000flapping \"fast\"");
        JsonObject frame = Json.createReader(new StringReader(
                LiveFrames.deviceEvent(new DeviceEventRecorded(813, "core-sw", syslog)))).readObject();
        JsonObject event = frame.getJsonObject("event");
        assertEquals("syslog", event.getString("type"));
        assertEquals(1772366399.0, event.getJsonNumber("reported_at").doubleValue());
        assertEquals(20, event.getInt("facility"));
        assertEquals("warning", event.getString("severity_name"));
        assertEquals("core-sw.example", event.getString("hostname"));
        assertEquals("ifmgr", event.getString("app_name"));
        assertEquals(jakarta.json.JsonValue.NULL, event.get("trap_oid"));
        assertEquals(Json.createArrayBuilder().build(), event.getJsonArray("variables"));
        assertEquals("port ge-0/0/1 \ufffdflapping \"fast\"", event.getString("message"), "the text rule holds");
    }

    @Test
    void aStatusChangeAsADeviceEventFrame() {
        NewDeviceEvent offline = NewDeviceEvent.status(12, T, EventSeverity.CRITICAL, "core-sw is unreachable");
        JsonObject frame = json(LiveFrames.deviceEvent(new DeviceEventRecorded(814, "core-sw", offline)));
        assertEquals("core-sw", frame.getString("source"));
        assertEquals(1772366400.250, frame.getJsonNumber("timestamp").doubleValue());
        assertEquals("status", frame.getJsonObject("event").getString("type"));
        assertEquals(2, frame.getJsonObject("event").getInt("severity"));
        assertEquals(jakarta.json.JsonValue.NULL, frame.getJsonObject("event").get("source_address"));
    }
}
