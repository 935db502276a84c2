-- Sales transactions of one country since start_date.
-- {factor} is an expression, {database}.{schema}.{sales_table} a three-part name, '{country_code}' a literal.
SELECT
    id_transaccion,
    "id hogar",
    fecha,
    fecha_hora,
    {factor},
    monto_total,
    año
FROM {database}.{schema}.{sales_table}
WHERE pais = '{country_code}'
  AND fecha >= '{start_date}'
