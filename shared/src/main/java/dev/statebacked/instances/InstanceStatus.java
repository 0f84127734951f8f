package dev.statebacked.instances;

/** Whether an instance accepts events. */
public enum InstanceStatus {
    RUNNING("running"),
    PAUSED("paused");

    private final String wireName;

    InstanceStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static java.util.Optional<InstanceStatus> fromWireName(String name) {
        for (InstanceStatus status : values()) {
            if (status.wireName.equals(name)) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }
}
