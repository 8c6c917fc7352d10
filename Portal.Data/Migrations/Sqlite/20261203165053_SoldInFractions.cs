using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SoldInFractions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SoldInFractions",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Products already used in fractions keep being so; all others are whole numbers from now on.
            migrationBuilder.Sql(Portal.Data.Conventions.SoldInFractionsBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SoldInFractions",
                table: "Products");
        }
    }
}
