package fr.clavardage.presence;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;
import java.util.List;

/** The statuses that changed since the last announcement: one event for many changes. */
@EventPayload(EventTypes.STATUS_CHANGED)
public record StatusChanged(List<StatusChange> changes) {
}
