package dev.statebacked.engine;

/** Machine code threw (a guard, an assign, an action, an authorizer...). Carries the JavaScript message and stack. */
public final class UserCodeError extends EngineException {
    private final String jsMessage;
    private final String jsStack;

    public UserCodeError(String jsMessage, String jsStack) {
        super(jsMessage);
        this.jsMessage = jsMessage;
        this.jsStack = jsStack;
    }

    /** The message of the thrown JavaScript value. */
    public String jsMessage() {
        return jsMessage;
    }

    /** The JavaScript stack trace, when the thrown value had one; may be empty. */
    public String jsStack() {
        return jsStack == null ? "" : jsStack;
    }
}
