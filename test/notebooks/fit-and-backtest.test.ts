/** notebooks/fit-and-backtest.ipynb: see notebook-suite.ts. */
import { describeNotebook } from "./notebook-suite.js";

describeNotebook("fit-and-backtest.ipynb");
