// The interop scripts' checks: one "ok <step>" line per passed check; the first failure prints why and exits 1.
export function check(step, condition, detail) {
  if (!condition) {
    console.log(`FAILED ${step}${detail === undefined ? "" : ": " + JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`ok ${step}`);
}

/** Checks that `promise` rejects with an instance of `errorClass`. */
export async function rejects(step, promise, errorClass) {
  try {
    await promise;
    check(step, false, "no error");
  } catch (e) {
    check(step, e instanceof errorClass, `${e?.constructor?.name}: ${e?.message}`);
  }
}
