package dev.statebacked.local.template;

import static dev.statebacked.local.template.SamTemplate.asMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template against AWS's resource schemas for one set of parameter values, as CloudFormation would
 * see it: conditions evaluated, each {@code Fn::If} taken to its branch, {@code AWS::NoValue} left out, resources
 * whose condition fails absent. Then every resource type must have a schema and every resource's properties
 * must validate against it; and every {@code Ref}, {@code GetAtt} and {@code Sub} variable must name a parameter,
 * a pseudo parameter or a resource (for a {@code GetAtt}, a property its type's schema declares).
 *
 * <p>An intrinsic function stands where the schema expects a resolved value, so what the validator says about an
 * intrinsic's own node (or inside it) is set aside: the value is only known at deploy time. SAM's own types
 * ({@code AWS::Serverless::*}) have no schema here, see {@link #unvalidatedTypes}.
 */
final class TemplateSchemaValidator {
    static final String SAM_TYPES = "AWS::Serverless::";
    /** CloudFormation's pseudo parameters. */
    private static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object REMOVED = new Object();

    private final ResourceSchemas schemas;

    TemplateSchemaValidator(ResourceSchemas schemas) {
        this.schemas = schemas;
    }

    /** Every problem found, one line each ({@code LogicalId (Type) /json/pointer: message}); empty when valid. */
    List<String> problems(SamTemplate template, Map<String, String> parameterValues) {
        Predicate<String> holds = conditions(template, parameterValues);
        Map<String, SamTemplate.Resource> resources = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            if (r.condition().map(holds::test).orElse(true)) {
                resources.put(id, r);
            }
        });
        List<String> problems = new ArrayList<>();
        resources.values().forEach(resource -> problems.addAll(resourceProblems(resource, holds)));
        problems.addAll(referenceProblems(template, resources, holds));
        return problems;
    }

    /** The resource types of the template that no schema here covers. */
    Set<String> unvalidatedTypes(SamTemplate template) {
        Set<String> types = new LinkedHashSet<>();
        template.resources().values().forEach(r -> {
            if (r.type() != null && r.type().startsWith(SAM_TYPES)) {
                types.add(r.type());
            }
        });
        return types;
    }

    private List<String> resourceProblems(SamTemplate.Resource resource, Predicate<String> holds) {
        String where = resource.logicalId() + " (" + resource.type() + ")";
        if (resource.type() == null) {
            return List.of(resource.logicalId() + ": no Type");
        }
        if (resource.type().startsWith(SAM_TYPES)) {
            return List.of();
        }
        Optional<Schema> schema = schemas.of(resource.type());
        if (schema.isEmpty()) {
            return List.of(where + ": AWS publishes no resource type " + resource.type());
        }
        Object properties = chooseBranches(resource.properties(), holds);
        JsonNode node = JSON.valueToTree(properties == REMOVED ? Map.of() : properties);
        Set<String> intrinsics = new HashSet<>();
        collectIntrinsicPointers(node, "", intrinsics);
        List<String> problems = new ArrayList<>();
        for (Error error : schema.get().validate(node)) {
            String at = error.getInstanceLocation().toString();
            if (intrinsics.stream().noneMatch(p -> at.equals(p) || at.startsWith(p + "/"))) {
                problems.add(where + " " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage());
            }
        }
        return problems;
    }

    private List<String> referenceProblems(
            SamTemplate template, Map<String, SamTemplate.Resource> resources, Predicate<String> holds) {
        List<String[]> references = new ArrayList<>();
        Map<String, Object> present = new LinkedHashMap<>(asMap(template.raw().get("Resources")));
        present.keySet().retainAll(resources.keySet());
        collectReferences(chooseBranches(present, holds), references);
        for (String section : List.of("Outputs", "Globals")) {
            collectReferences(chooseBranches(template.raw().get(section), holds), references);
        }
        List<String> problems = new ArrayList<>();
        for (String[] reference : references) {
            String name = reference[0];
            if (reference.length == 1 && name.endsWith(".Alias")) {
                // SAM's reference to the alias that AutoPublishAlias makes for a function
                String function = name.substring(0, name.length() - ".Alias".length());
                if (resources.containsKey(function)
                        && "AWS::Serverless::Function"
                                .equals(resources.get(function).type())) {
                    continue;
                }
            }
            if (reference.length == 1) {
                if (!PSEUDO_PARAMETERS.contains(name)
                        && !template.parameters().containsKey(name)
                        && !resources.containsKey(name)) {
                    problems.add("Ref " + name + ": no parameter, pseudo parameter or resource of that name");
                }
                continue;
            }
            String attribute = reference[1];
            SamTemplate.Resource target = resources.get(name);
            if (target == null) {
                problems.add("GetAtt " + name + "." + attribute + ": no resource " + name);
            } else if (target.type() != null && !target.type().startsWith(SAM_TYPES)) {
                schemas.propertiesOf(target.type())
                        .filter(properties -> !properties.has(attribute.split("\\.", 2)[0]))
                        .ifPresent(p -> problems.add("GetAtt " + name + "." + attribute + ": the schema of "
                                + target.type() + " declares no " + attribute));
            }
        }
        return problems;
    }

    /** Conditions as CloudFormation evaluates them from the parameters' values (else their defaults). */
    private static Predicate<String> conditions(SamTemplate template, Map<String, String> values) {
        Map<String, Boolean> evaluated = new LinkedHashMap<>();
        Intrinsics[] intrinsics = new Intrinsics[1];
        Predicate<String> holds = name -> {
            Boolean known = evaluated.get(name);
            if (known == null) {
                Object expression = template.conditions().get(name);
                if (expression == null) {
                    throw new AssertionError("the template has no condition " + name);
                }
                known = intrinsics[0].holds(expression);
                evaluated.put(name, known);
            }
            return known;
        };
        intrinsics[0] = new Intrinsics(
                name -> values.getOrDefault(
                        name,
                        String.valueOf(asMap(template.parameters().get(name)).getOrDefault("Default", ""))),
                (id, attribute) -> {
                    throw new AssertionError("a condition reads " + id + "." + attribute);
                },
                holds);
        return holds;
    }

    /** The value with each {@code Fn::If} replaced by its branch, and {@code AWS::NoValue} entries left out. */
    @SuppressWarnings("unchecked")
    private static Object chooseBranches(Object value, Predicate<String> holds) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Fn::If")) {
                List<Object> branches = (List<Object>) map.get("Fn::If");
                return chooseBranches(
                        holds.test(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2), holds);
            }
            if (map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"))) {
                return REMOVED;
            }
            Map<String, Object> chosen = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                Object item = chooseBranches(v, holds);
                if (item != REMOVED) {
                    chosen.put(k, item);
                }
            });
            return chosen;
        }
        if (value instanceof List<?> list) {
            List<Object> chosen = new ArrayList<>();
            list.forEach(v -> {
                Object item = chooseBranches(v, holds);
                if (item != REMOVED) {
                    chosen.add(item);
                }
            });
            return chosen;
        }
        return value;
    }

    private static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static void collectIntrinsicPointers(JsonNode node, String pointer, Set<String> into) {
        if (isIntrinsic(node)) {
            into.add(pointer);
            return;
        }
        if (node.isObject()) {
            node.properties()
                    .forEach(e -> collectIntrinsicPointers(
                            e.getValue(),
                            pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                            into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectIntrinsicPointers(node.get(i), pointer + "/" + i, into);
            }
        }
    }

    /** Each reference as {name} (a Ref) or {name, attribute} (a GetAtt, or a Sub variable with a dot). */
    @SuppressWarnings("unchecked")
    private static void collectReferences(Object value, List<String[]> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                Object argument = entry.getValue();
                switch (String.valueOf(entry.getKey())) {
                    case "Ref" -> {
                        into.add(new String[] {String.valueOf(argument)});
                        return;
                    }
                    case "Fn::GetAtt" -> {
                        List<Object> parts = argument instanceof String text
                                ? List.of((Object[]) text.split("\\.", 2))
                                : (List<Object>) argument;
                        into.add(new String[] {String.valueOf(parts.get(0)), String.valueOf(parts.get(1))});
                        return;
                    }
                    case "Fn::Sub" -> {
                        String text =
                                argument instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(argument);
                        Map<String, Object> variables =
                                argument instanceof List<?> l ? (Map<String, Object>) l.get(1) : Map.of();
                        Matcher matcher = SUB_VARIABLE.matcher(text);
                        while (matcher.find()) {
                            String name = matcher.group(1);
                            if (variables.containsKey(name)) {
                                continue;
                            }
                            into.add(
                                    name.contains(".") && !name.startsWith("AWS::")
                                            ? name.split("\\.", 2)
                                            : new String[] {name});
                        }
                        variables.values().forEach(v -> collectReferences(v, into));
                        return;
                    }
                    default -> {
                        // any other function: its arguments may hold references
                    }
                }
            }
            map.values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectReferences(v, into));
        }
    }
}
