package dev.statebacked.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the template uses ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::If} with {@code AWS::NoValue}) against what the local stack created, and
 * evaluates the template's conditions ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Condition}). Anything else is refused loudly rather than guessed, so the template cannot quietly drift
 * from what runs locally.
 */
public final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final String NO_VALUE = "AWS::NoValue";
    /** What {@code Ref AWS::NoValue} resolves to: the map entry or list item that holds it is left out. */
    private static final Object REMOVED = new Object();

    private final Function<String, String> ref;
    private final BiFunction<String, String, String> getAtt;
    private final Predicate<String> condition;

    /** {@code condition} answers whether a named condition of the template holds (see {@link #holds}). */
    public Intrinsics(
            Function<String, String> ref, BiFunction<String, String, String> getAtt, Predicate<String> condition) {
        this.ref = ref;
        this.getAtt = getAtt;
        this.condition = condition;
    }

    /**
     * The value with every intrinsic resolved; an entry or item that resolves to {@code AWS::NoValue} is left
     * out, and a value that is itself {@code AWS::NoValue} resolves to null.
     */
    public Object resolve(Object value) {
        Object resolved = resolveOrRemove(value);
        return resolved == REMOVED ? null : resolved;
    }

    /** Whether a condition expression of the template's {@code Conditions} section holds. */
    @SuppressWarnings("unchecked")
    public boolean holds(Object expression) {
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            Object argument = entry.getValue();
            switch (String.valueOf(entry.getKey())) {
                case "Fn::Equals": {
                    List<Object> pair = (List<Object>) argument;
                    return resolveString(pair.get(0)).equals(resolveString(pair.get(1)));
                }
                case "Fn::Not":
                    return !holds(((List<Object>) argument).get(0));
                case "Fn::And":
                    return ((List<Object>) argument).stream().allMatch(this::holds);
                case "Fn::Or":
                    return ((List<Object>) argument).stream().anyMatch(this::holds);
                case "Condition":
                    return condition.test(String.valueOf(argument));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("not a condition the local stack evaluates: " + expression);
    }

    @SuppressWarnings("unchecked")
    private Object resolveOrRemove(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                String key = String.valueOf(entry.getKey());
                Object argument = entry.getValue();
                switch (key) {
                    case "Ref":
                        return NO_VALUE.equals(argument) ? REMOVED : ref.apply(String.valueOf(argument));
                    case "Fn::If": {
                        List<Object> branches = (List<Object>) argument;
                        return resolveOrRemove(
                                condition.test(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
                    }
                    case "Fn::GetAtt": {
                        List<Object> parts = getAttParts(argument);
                        return getAtt.apply(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                    }
                    case "Fn::Sub":
                        return substitute(argument);
                    case "Fn::Join": {
                        List<Object> parts = (List<Object>) argument;
                        List<String> items = new ArrayList<>();
                        for (Object item : (List<Object>) resolve(parts.get(1))) {
                            items.add(String.valueOf(item));
                        }
                        return String.join(String.valueOf(parts.get(0)), items);
                    }
                    default:
                        if (key.startsWith("Fn::")) {
                            throw new IllegalArgumentException("the local stack does not resolve " + key);
                        }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                Object item = resolveOrRemove(v);
                if (item != REMOVED) {
                    resolved.put(k, item);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(v -> {
                Object item = resolveOrRemove(v);
                if (item != REMOVED) {
                    resolved.add(item);
                }
            });
            return resolved;
        }
        return value;
    }

    public String resolveString(Object value) {
        return String.valueOf(resolve(value));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> getAttParts(Object argument) {
        if (argument instanceof String text) {
            return List.of((Object[]) text.split("\\.", 2));
        }
        return (List<Object>) argument;
    }

    @SuppressWarnings("unchecked")
    private String substitute(Object argument) {
        String template;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            template = String.valueOf(list.get(0));
            variables = (Map<String, Object>) list.get(1);
        } else {
            template = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = resolveString(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = getAtt.apply(parts[0], parts[1]);
            } else {
                replacement = ref.apply(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every logical id a {@code Ref}/{@code GetAtt}/{@code Sub} variable names, for checking the template. */
    public static List<String> referencedNames(Object value) {
        List<String> names = new ArrayList<>();
        collect(value, names);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<String> names) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                switch (String.valueOf(entry.getKey())) {
                    // SAM's !Ref Function.Alias names the alias AutoPublishAlias makes for Function
                    case "Ref" -> names.add(String.valueOf(entry.getValue()).replaceFirst("\\.Alias$", ""));
                    case "Fn::GetAtt" ->
                        names.add(String.valueOf(getAttParts(entry.getValue()).get(0)));
                    case "Fn::Sub" -> {
                        Object argument = entry.getValue();
                        String template =
                                argument instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(argument);
                        Map<String, Object> variables =
                                argument instanceof List<?> l ? (Map<String, Object>) l.get(1) : Map.of();
                        Matcher matcher = SUB_VARIABLE.matcher(template);
                        while (matcher.find()) {
                            String name = matcher.group(1).split("\\.", 2)[0];
                            if (!variables.containsKey(name)) {
                                names.add(name);
                            }
                        }
                        variables.values().forEach(v -> collect(v, names));
                    }
                    default -> map.values().forEach(v -> collect(v, names));
                }
                return;
            }
            map.values().forEach(v -> collect(v, names));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, names));
        }
    }
}
