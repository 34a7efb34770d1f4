/** notebooks/queue-behaviour.ipynb: see notebook-suite.ts. */
import { describeNotebook } from "./notebook-suite.js";

describeNotebook("queue-behaviour.ipynb");
