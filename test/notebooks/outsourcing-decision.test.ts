/** notebooks/outsourcing-decision.ipynb: see notebook-suite.ts. */
import { describeNotebook } from "./notebook-suite.js";

describeNotebook("outsourcing-decision.ipynb");
