package io.streamrec.schemas.event;

import io.streamrec.schemas.json.JsonSerde;

public final class ClickEventSerde extends JsonSerde<ClickEvent> {
    public ClickEventSerde() {
        super(ClickEvent.class);
    }
}
