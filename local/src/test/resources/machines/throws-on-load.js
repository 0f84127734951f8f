throw new Error("this bundle fails to evaluate");
