package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.ExpressionLexer.Kind;
import dev.statebacked.local.dynamodb.ExpressionLexer.Token;
import dev.statebacked.local.dynamodb.Expressions.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for DynamoDB's expression languages. Precedence, loosest first: OR, AND, NOT, then
 * comparisons / BETWEEN / IN / function calls, with parentheses to group conditions.
 */
final class ExpressionParser {
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");

    private final String text;
    private final String kind;
    private final List<Token> tokens;
    private final ExpressionContext context;
    private int position;

    private ExpressionParser(String text, String kind, ExpressionContext context) {
        if (text.isBlank())
            throw DynamoDbException.validation("Invalid " + kind + ": The expression can not be empty;");
        this.text = text;
        this.kind = kind;
        this.context = context;
        this.tokens = ExpressionLexer.tokenize(text, kind);
    }

    /** {@code kind} names the request parameter in error messages, e.g. "ConditionExpression". */
    static Condition parseCondition(String text, String kind, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, kind, context);
        Condition condition = parser.condition();
        parser.expect(Kind.END);
        return condition;
    }

    static List<DocumentPath> parseProjection(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, "ProjectionExpression", context);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(Kind.COMMA));
        parser.expect(Kind.END);
        return paths;
    }

    static Update parseUpdate(String text, ExpressionContext context) {
        return new ExpressionParser(text, "UpdateExpression", context).update();
    }

    // ---- conditions

    private Condition condition() {
        Condition left = conjunction();
        while (acceptKeyword("OR")) left = new Or(left, conjunction());
        return left;
    }

    private Condition conjunction() {
        Condition left = negation();
        while (acceptKeyword("AND")) left = new And(left, negation());
        return left;
    }

    private Condition negation() {
        if (acceptKeyword("NOT")) return new Not(negation());
        return simpleCondition();
    }

    private Condition simpleCondition() {
        if (accept(Kind.LPAREN)) {
            Condition inner = condition();
            expect(Kind.RPAREN);
            return inner;
        }
        Token t = peek();
        if (t.kind() == Kind.IDENTIFIER && peekAt(1).kind() == Kind.LPAREN) {
            if (CONDITION_FUNCTIONS.contains(t.text())) {
                position += 2;
                List<Operand> args = new ArrayList<>();
                do {
                    args.add(operand());
                } while (accept(Kind.COMMA));
                expect(Kind.RPAREN);
                return checkedFunction(t.text(), args);
            }
            if (!t.text().equals("size"))
                throw DynamoDbException.validation(
                        "Invalid " + kind + ": Invalid function name; function: " + t.text());
        }
        Operand left = operand();
        Token op = peek();
        switch (op.kind()) {
            case EQ, NE, LT, LE, GT, GE -> {
                position++;
                return new Comparison(op.text(), left, operand());
            }
            default -> {}
        }
        if (acceptKeyword("BETWEEN")) {
            Operand low = operand();
            if (!acceptKeyword("AND")) throw syntaxError();
            Operand high = operand();
            if (low instanceof ValueOperand l
                    && high instanceof ValueOperand h
                    && ValueOrder.comparable(l.value(), h.value())
                    && ValueOrder.compare(l.value(), h.value()) > 0) {
                throw DynamoDbException.validation("Invalid " + kind
                        + ": The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
            }
            return new Between(left, low, high);
        }
        if (acceptKeyword("IN")) {
            expect(Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new In(left, candidates);
        }
        throw syntaxError();
    }

    private Condition checkedFunction(String name, List<Operand> args) {
        int expected = name.startsWith("attribute_exists") || name.startsWith("attribute_not_exists") ? 1 : 2;
        if (args.size() != expected) {
            throw DynamoDbException.validation("Invalid " + kind
                    + ": Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
        }
        if (!(args.get(0) instanceof PathOperand)) {
            throw DynamoDbException.validation("Invalid " + kind
                    + ": Operator or function requires a document path; operator or function: " + name);
        }
        return new FunctionCall(name, args);
    }

    private Operand operand() {
        Token t = peek();
        if (t.kind() == Kind.VALUE_PLACEHOLDER) {
            position++;
            return new ValueOperand(context.value(t.text()));
        }
        if (t.kind() == Kind.IDENTIFIER && t.text().equals("size") && peekAt(1).kind() == Kind.LPAREN) {
            position += 2;
            DocumentPath path = path();
            expect(Kind.RPAREN);
            return new Size(path);
        }
        return new PathOperand(path());
    }

    // ---- document paths

    private DocumentPath path() {
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(new DocumentPath.Attribute(attributeName()));
        while (true) {
            if (accept(Kind.DOT)) {
                elements.add(new DocumentPath.Attribute(attributeName()));
            } else if (accept(Kind.LBRACKET)) {
                Token n = expect(Kind.NUMBER);
                expect(Kind.RBRACKET);
                elements.add(new DocumentPath.ListIndex(Integer.parseInt(n.text())));
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private String attributeName() {
        Token t = peek();
        if (t.kind() == Kind.NAME_PLACEHOLDER) {
            position++;
            return context.name(t.text());
        }
        if (t.kind() == Kind.IDENTIFIER && !isKeyword(t)) {
            if (ReservedWords.isReserved(t.text())) {
                throw DynamoDbException.validation(
                        "Invalid " + kind + ": Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            position++;
            return t.text();
        }
        throw syntaxError();
    }

    private static boolean isKeyword(Token t) {
        return t.isKeyword("AND")
                || t.isKeyword("OR")
                || t.isKeyword("NOT")
                || t.isKeyword("BETWEEN")
                || t.isKeyword("IN");
    }

    // ---- update expressions

    private Update update() {
        List<SetAction> sets = new ArrayList<>();
        List<DocumentPath> removes = new ArrayList<>();
        List<ValueAction> adds = new ArrayList<>();
        List<ValueAction> deletes = new ArrayList<>();
        Set<String> seenClauses = new java.util.HashSet<>();
        while (peek().kind() != Kind.END) {
            Token clause = expect(Kind.IDENTIFIER);
            String name = clause.text().toUpperCase(Locale.ROOT);
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(name)) throw syntaxError(clause);
            if (!seenClauses.add(name)) {
                throw DynamoDbException.validation("Invalid UpdateExpression: The \"" + name
                        + "\" section can only be used once in an update expression;");
            }
            do {
                switch (name) {
                    case "SET" -> {
                        DocumentPath path = path();
                        expect(Kind.EQ);
                        sets.add(new SetAction(path, setValue()));
                    }
                    case "REMOVE" -> removes.add(path());
                    default -> {
                        DocumentPath path = path();
                        Token value = expect(Kind.VALUE_PLACEHOLDER);
                        (name.equals("ADD") ? adds : deletes).add(new ValueAction(path, context.value(value.text())));
                    }
                }
            } while (accept(Kind.COMMA));
        }
        if (seenClauses.isEmpty())
            throw DynamoDbException.validation("Invalid UpdateExpression: The expression can not be empty;");
        return new Update(sets, removes, adds, deletes);
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (accept(Kind.PLUS)) return new Arithmetic(left, true, setOperand());
        if (accept(Kind.MINUS)) return new Arithmetic(left, false, setOperand());
        return left;
    }

    private Operand setOperand() {
        Token t = peek();
        if (t.kind() == Kind.IDENTIFIER && peekAt(1).kind() == Kind.LPAREN) {
            position += 2;
            Operand result;
            if (t.text().equals("if_not_exists")) {
                DocumentPath path = path();
                expect(Kind.COMMA);
                result = new IfNotExists(path, setValue());
            } else if (t.text().equals("list_append")) {
                Operand first = setValue();
                expect(Kind.COMMA);
                result = new ListAppend(first, setValue());
            } else {
                throw DynamoDbException.validation(
                        "Invalid UpdateExpression: Invalid function name; function: " + t.text());
            }
            expect(Kind.RPAREN);
            return result;
        }
        if (t.kind() == Kind.VALUE_PLACEHOLDER) {
            position++;
            return new ValueOperand(context.value(t.text()));
        }
        return new PathOperand(path());
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(position + offset, tokens.size() - 1));
    }

    private boolean accept(Kind k) {
        if (peek().kind() != k) return false;
        position++;
        return true;
    }

    private boolean acceptKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) return false;
        position++;
        return true;
    }

    private Token expect(Kind k) {
        Token t = peek();
        if (t.kind() != k) throw syntaxError(t);
        position++;
        return t;
    }

    private DynamoDbException syntaxError() {
        return syntaxError(peek());
    }

    private DynamoDbException syntaxError(Token t) {
        return ExpressionLexer.syntaxError(kind, text, t.text());
    }
}
