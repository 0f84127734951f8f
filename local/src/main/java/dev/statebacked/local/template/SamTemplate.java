package dev.statebacked.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data. CloudFormation's short intrinsic tags ({@code !Ref X}, {@code !GetAtt X.Arn},
 * {@code !Sub "..."}) are read as their long forms ({@code {Ref: X}}, {@code {Fn::GetAtt: [X, Arn]}}, ...),
 * so that one {@link Intrinsics} resolver handles both spellings.
 */
public final class SamTemplate {
    public static final String RESOURCE_NAME = "/template.yaml";

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** The template packaged with the local module (copied from the repository root at build time). */
    public static SamTemplate packaged() {
        try (InputStream in = SamTemplate.class.getResourceAsStream(RESOURCE_NAME)) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static SamTemplate parse(InputStream yaml) {
        Object loaded = new Yaml(new IntrinsicConstructor()).load(yaml);
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("template is not a YAML mapping");
        }
        return new SamTemplate((Map<String, Object>) map);
    }

    /** Resources in template order. */
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(root, "Resources").forEach((id, value) -> {
            Map<String, Object> resource = asMap(value);
            resources.put(
                    id,
                    new Resource(
                            id,
                            (String) resource.get("Type"),
                            map(resource, "Properties"),
                            map(resource, "Metadata"),
                            Optional.ofNullable((String) resource.get("Condition"))));
        });
        return resources;
    }

    public Map<String, Object> parameters() {
        return map(root, "Parameters");
    }

    /** The {@code Conditions} section: condition name to its expression. */
    public Map<String, Object> conditions() {
        return map(root, "Conditions");
    }

    /** {@code Globals.Function}: defaults every serverless function inherits. */
    public Map<String, Object> functionGlobals() {
        return map(map(root, "Globals"), "Function");
    }

    public Map<String, Object> raw() {
        return root;
    }

    /** {@code condition}: the template condition that must hold for the resource to exist, if any. */
    public record Resource(
            String logicalId,
            String type,
            Map<String, Object> properties,
            Map<String, Object> metadata,
            Optional<String> condition) {
        public Map<String, Object> property(String name) {
            return map(properties, name);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(parent.get(key));
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String name : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + name), new LongForm(name));
            }
            for (String name : List.of(
                    "GetAtt",
                    "Sub",
                    "Join",
                    "Select",
                    "Split",
                    "If",
                    "Equals",
                    "Not",
                    "And",
                    "Or",
                    "FindInMap",
                    "ImportValue",
                    "Base64",
                    "Cidr",
                    "GetAZs")) {
                yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar
                    when key.equals("Fn::GetAtt") -> List.of(scalar.getValue().split("\\.", 2));
                    case ScalarNode scalar -> scalar.getValue();
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected node for !" + key);
                };
                return Map.of(key, value);
            }
        }
    }
}
