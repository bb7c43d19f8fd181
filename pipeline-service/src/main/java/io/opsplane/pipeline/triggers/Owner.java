package io.opsplane.pipeline.triggers;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.platform.auth.CallerIdentity;
import java.util.List;

/**
 * Who a schedule or event trigger acts for, and the credential they created it with: an API token's id, or for a
 * signed-in person (no token id) the groups they were in. Each firing asks again whether that credential may run.
 */
public record Owner(String subject, String tokenId, List<String> groups) {

    public Owner {
        tokenId = tokenId == null ? "" : tokenId;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static Owner of(CallerIdentity caller) {
        return new Owner(caller.subject(), caller.principal().getTokenId(), caller.principal().getGroupsList());
    }

    /** Stored form of {@link #groups()}: a JSON array of strings (a group's name may hold any character). */
    public String groupsText() {
        ListValue.Builder list = ListValue.newBuilder();
        groups.forEach(group -> list.addValues(Value.newBuilder().setStringValue(group)));
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(list);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> groupsOf(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        ListValue.Builder list = ListValue.newBuilder();
        try {
            JsonFormat.parser().merge(text, list);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored owner groups are not a JSON array: " + e.getMessage(), e);
        }
        return list.getValuesList().stream().map(Value::getStringValue).toList();
    }
}
