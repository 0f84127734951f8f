# Sourced by ./statebacked: picks a JDK 25+ (the functions' Lambda runtime is java25, whose Graal compiler the
# artifact ships) and exports JAVA_HOME. Order: JAVA_HOME when it is 25 or newer, else the newest 25+ JDK in the
# system's JVM directory.

java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" best_v=0 dir v
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    [ -L "$dir" ] && continue
    v=$(java_major "$dir/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$dir"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}

if ! STATEBACKED_JDK=$(pick_jdk) || [ -z "$STATEBACKED_JDK" ]; then
  echo "statebacked: a JDK 25 or newer is required (the functions run on Lambda's java25 with the Graal compiler 25); JAVA_HOME=${JAVA_HOME:-unset} is older and none was found in /usr/lib/jvm. Install e.g. Temurin 25 and set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$STATEBACKED_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
