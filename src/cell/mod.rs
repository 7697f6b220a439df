//! Reading one cell: amounts with their units, periods, null and total markers.
